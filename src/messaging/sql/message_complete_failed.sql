UPDATE messages
SET state = 'failed', last_error = $3, updated_at = $4, claimed_until = NULL
WHERE id = $1 AND state = 'sending' AND attempts = $2
