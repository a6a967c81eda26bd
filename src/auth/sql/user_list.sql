SELECT u.id, u.email, u.name, u.role, u.department_id, u.phone_extension, u.active,
       u.created_at, u.updated_at
FROM users u
WHERE /*@ sees(u.id, u.department_id) @*/
  AND u.id > $4
  AND ($5 = 0 OR u.department_id = $6)
  AND ($7 = '' OR u.role = $7)
  AND ($8 = -1 OR u.active = $8)
ORDER BY u.id
LIMIT $9
