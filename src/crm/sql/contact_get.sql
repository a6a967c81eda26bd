SELECT c.id, c.owner_id, c.name, c.company_id, c.is_client, c.created_at, c.updated_at, c.deleted_at
FROM contacts c
JOIN users ou ON ou.id = c.owner_id
WHERE c.id = $4 AND /*@ sees(c.owner_id, ou.department_id) @*/
