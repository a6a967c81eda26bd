SELECT id, user_id, token_hash, created_at, expires_at FROM sessions ORDER BY id
