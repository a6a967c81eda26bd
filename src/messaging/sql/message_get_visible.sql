SELECT m.id, m.channel, m.record_type, m.record_id, m.owner_id, m.rule_id, m.run_id, m.template_id, m.recipient,
       m.subject, m.body, m.html, m.payload, m.headers, m.state, m.attempts, m.next_attempt_at, m.last_error,
       m.provider_id, m.created_at, m.updated_at, m.sent_at
FROM messages m
LEFT JOIN users ou ON ou.id = m.owner_id
WHERE ($1 = 1 OR m.owner_id = $2 OR ou.department_id = $3)
  AND m.id = $4
