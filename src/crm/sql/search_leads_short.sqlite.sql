SELECT r.id, r.title, r.owner_id
FROM leads r
JOIN users ou ON ou.id = r.owner_id
WHERE instr(r.search, $4) > 0
  AND /*@ sees(r.owner_id, ou.department_id) @*/
  AND r.deleted_at IS NULL
ORDER BY r.id
LIMIT $5
