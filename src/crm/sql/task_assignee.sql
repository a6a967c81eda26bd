SELECT u.active
FROM users u
WHERE u.id = $4 AND /*@ sees(u.id, u.department_id) @*/
