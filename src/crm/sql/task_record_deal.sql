SELECT r.owner_id, r.is_open, 0, r.title
FROM deals r
JOIN users ou ON ou.id = r.owner_id
WHERE r.id = $4 AND r.deleted_at IS NULL
  AND /*@ sees(r.owner_id, ou.department_id) @*/
