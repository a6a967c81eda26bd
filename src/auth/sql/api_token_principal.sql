SELECT t.id, u.id, u.email, u.name, u.role, u.department_id, u.phone_extension, u.active,
       u.created_at, u.updated_at
FROM api_tokens t
JOIN users u ON u.id = t.user_id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = 1
