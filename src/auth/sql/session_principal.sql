SELECT s.id, u.id, u.email, u.name, u.role, u.department_id, u.phone_extension, u.active,
       u.created_at, u.updated_at
FROM sessions s
JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1
