-- The whole outbox, oldest first.
SELECT id, channel, record_type, record_id, rule_id, run_id, recipient, body, payload, headers, state, last_error
FROM messages
ORDER BY id
