WITH due AS (
    SELECT id FROM messages
    WHERE state IN ('queued', 'retrying') AND next_attempt_at <= $1
    ORDER BY next_attempt_at
    LIMIT $3
    FOR UPDATE SKIP LOCKED
)
UPDATE messages m
SET state = 'sending', attempts = m.attempts + 1, claimed_until = $2, updated_at = $1
FROM due
WHERE m.id = due.id
RETURNING m.id, m.channel, m.record_type, m.record_id, m.owner_id, m.rule_id, m.run_id, m.template_id, m.recipient,
       m.subject, m.body, m.html, m.payload, m.headers, m.state, m.attempts, m.next_attempt_at, m.last_error,
       m.provider_id, m.created_at, m.updated_at, m.sent_at
