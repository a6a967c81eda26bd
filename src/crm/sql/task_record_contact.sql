SELECT r.owner_id, 0, r.is_client, r.name
FROM contacts r
JOIN users ou ON ou.id = r.owner_id
WHERE r.id = $4 AND r.deleted_at IS NULL
  AND /*@ sees(r.owner_id, ou.department_id) @*/
