SELECT id, name, user_id, token_hash, created_by, created_at, revoked_at FROM api_tokens ORDER BY id
