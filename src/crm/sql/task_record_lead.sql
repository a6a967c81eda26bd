SELECT r.owner_id, CASE WHEN r.is_open = 1 AND r.converted_at IS NULL THEN 1 ELSE 0 END, 0, r.title
FROM leads r
JOIN users ou ON ou.id = r.owner_id
WHERE r.id = $4 AND r.deleted_at IS NULL
  AND /*@ sees(r.owner_id, ou.department_id) @*/
