INSERT INTO sessions (user_id, token_hash, created_at, expires_at)
VALUES ($1, $2, $3, $4)
RETURNING id
