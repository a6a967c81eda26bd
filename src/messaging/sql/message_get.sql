SELECT m.id, m.channel, m.record_type, m.record_id, m.owner_id, m.rule_id, m.run_id, m.template_id, m.recipient,
       m.subject, m.body, m.html, m.payload, m.headers, m.state, m.attempts, m.next_attempt_at, m.last_error,
       m.provider_id, m.created_at, m.updated_at, m.sent_at
FROM messages m
WHERE m.id = $1
