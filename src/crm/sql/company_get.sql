SELECT c.id, c.owner_id, c.name, c.inn, c.address, c.created_at, c.updated_at, c.deleted_at
FROM companies c
JOIN users ou ON ou.id = c.owner_id
WHERE c.id = $4 AND /*@ sees(c.owner_id, ou.department_id) @*/
