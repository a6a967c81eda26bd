UPDATE messages
SET state = 'sending', attempts = attempts + 1, claimed_until = $2, updated_at = $1
WHERE id IN (SELECT id FROM messages
             WHERE state IN ('queued', 'retrying') AND next_attempt_at <= $1
             ORDER BY next_attempt_at
             LIMIT $3)
RETURNING id, channel, record_type, record_id, owner_id, rule_id, run_id, template_id, recipient, subject, body,
       html, payload, headers, state, attempts, next_attempt_at, last_error, provider_id, created_at, updated_at,
       sent_at
