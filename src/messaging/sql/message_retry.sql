UPDATE messages
SET state = 'queued', attempts = 0, next_attempt_at = $2, claimed_until = NULL, last_error = $3, updated_at = $2
WHERE id = $1 AND state = 'failed'
