SELECT u.id, u.email, u.name, u.role, u.department_id, u.phone_extension, u.active,
       u.created_at, u.updated_at
FROM users u
WHERE u.id = $4 AND /*@ sees(u.id, u.department_id) @*/
