SELECT id, name, user_id, created_by, created_at, revoked_at
FROM api_tokens
WHERE id > $1
ORDER BY id
LIMIT $2
