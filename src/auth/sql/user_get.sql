SELECT u.id, u.email, u.name, u.role, u.department_id, u.phone_extension, u.active,
       u.created_at, u.updated_at
FROM users u
WHERE u.id = $4 AND ($1 = 1 OR u.id = $2 OR u.department_id = $3)
