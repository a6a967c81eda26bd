SELECT u.id, u.active
FROM users u
WHERE u.id = $4 AND ($1 = 1 OR u.id = $2 OR u.department_id = $3)
