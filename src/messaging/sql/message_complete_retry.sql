UPDATE messages
SET state = 'retrying', next_attempt_at = $3, last_error = $4, updated_at = $5, claimed_until = NULL
WHERE id = $1 AND state = 'sending' AND attempts = $2
