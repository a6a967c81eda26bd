SELECT m.id, m.channel, m.record_type, m.record_id, m.owner_id, m.rule_id, m.run_id, m.template_id, m.recipient,
       m.subject, m.body, m.html, m.payload, m.headers, m.state, m.attempts, m.next_attempt_at, m.last_error,
       m.provider_id, m.created_at, m.updated_at, m.sent_at
FROM messages m
LEFT JOIN users ou ON ou.id = m.owner_id
WHERE ($1 = 1 OR m.owner_id = $2 OR ou.department_id = $3)
  AND m.id < $4
  AND ($5 = '' OR m.state = $5)
  AND ($6 = '' OR m.channel = $6)
  AND ($7 = '' OR (m.record_type = $7 AND m.record_id = $8))
  AND ($9 = 0 OR m.rule_id = $10)
ORDER BY m.id DESC
LIMIT $11
