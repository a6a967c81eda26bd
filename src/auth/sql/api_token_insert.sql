INSERT INTO api_tokens (name, user_id, token_hash, created_by, created_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id
