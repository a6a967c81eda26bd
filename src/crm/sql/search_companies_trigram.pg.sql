SELECT r.id, r.name, r.owner_id
FROM companies r
JOIN users ou ON ou.id = r.owner_id
WHERE r.search LIKE '%' || replace(replace(replace($4, '\', '\\'), '%', '\%'), '_', '\_') || '%'
  AND ($1 = 1 OR r.owner_id = $2 OR ou.department_id = $3)
  AND r.deleted_at IS NULL
ORDER BY r.id
LIMIT $5
