SELECT m.id, m.channel, m.record_type, m.record_id, m.owner_id, m.rule_id, m.run_id, m.template_id, m.recipient,
       m.subject, m.body, m.html, m.payload, m.headers, m.state, m.attempts, m.next_attempt_at, m.last_error,
       m.provider_id, m.created_at, m.updated_at, m.sent_at
FROM messages m
-- Seen through the record's owner now (m.owner_id only for a message without a record).
LEFT JOIN users ou ON ou.id = COALESCE(
    CASE m.record_type
        WHEN 'deal' THEN (SELECT x.owner_id FROM deals x WHERE x.id = m.record_id)
        WHEN 'lead' THEN (SELECT x.owner_id FROM leads x WHERE x.id = m.record_id)
        WHEN 'contact' THEN (SELECT x.owner_id FROM contacts x WHERE x.id = m.record_id)
        WHEN 'company' THEN (SELECT x.owner_id FROM companies x WHERE x.id = m.record_id)
    END,
    m.owner_id)
WHERE /*@ sees(ou.id, ou.department_id) @*/
  AND m.id < $4
  AND ($5 = '' OR m.state = $5)
  AND ($6 = '' OR m.channel = $6)
  AND ($7 = '' OR (m.record_type = $7 AND m.record_id = $8))
  AND ($9 = 0 OR m.rule_id = $10)
ORDER BY m.id DESC
LIMIT $11
