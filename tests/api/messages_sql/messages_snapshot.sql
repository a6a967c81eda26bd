SELECT id, channel, record_type, record_id, owner_id, rule_id, run_id, template_id, recipient, subject, body, html,
       payload, headers, state, attempts, next_attempt_at, claimed_until, last_error, provider_id, created_at,
       updated_at, sent_at
FROM messages
ORDER BY id
