SELECT c.company_id
FROM contacts c
JOIN users u ON u.id = c.owner_id
WHERE c.id = $4 AND c.deleted_at IS NULL AND /*@ sees(c.owner_id, u.department_id) @*/
