UPDATE messages
SET state = CASE WHEN attempts > 1 THEN 'retrying' ELSE 'queued' END, attempts = attempts - 1,
    next_attempt_at = $3, claimed_until = NULL, updated_at = $3
WHERE id = $1 AND state = 'sending' AND attempts = $2
