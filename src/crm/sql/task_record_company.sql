SELECT r.owner_id, 0, 0, r.name
FROM companies r
JOIN users ou ON ou.id = r.owner_id
WHERE r.id = $4 AND r.deleted_at IS NULL
  AND ($1 = 1 OR r.owner_id = $2 OR ou.department_id = $3)
