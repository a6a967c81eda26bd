UPDATE messages
SET state = 'sent', provider_id = $3, sent_at = $4, updated_at = $4, claimed_until = NULL
WHERE id = $1 AND state = 'sending' AND attempts = $2
