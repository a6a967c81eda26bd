SELECT c.id, c.owner_id, c.name, c.inn, c.address, c.created_at, c.updated_at, c.deleted_at
FROM companies c
JOIN users ou ON ou.id = c.owner_id
WHERE ($1 = 1 OR c.owner_id = $2 OR ou.department_id = $3)
  AND c.deleted_at IS NULL
  AND ($4 = 0 OR c.updated_at < (SELECT k.updated_at FROM companies k WHERE k.id = $4)
            OR (c.updated_at = (SELECT k.updated_at FROM companies k WHERE k.id = $4) AND c.id < $4))
  AND ($5 = 0 OR c.owner_id = $5)
  AND ($6 = '' OR c.search LIKE '%' || replace(replace(replace($6, '\', '\\'), '%', '\%'), '_', '\_') || '%')
  AND ($7 = '' OR strpos(c.search, $7) > 0)
  AND ($8 = 0 OR NOT EXISTS (SELECT 1 FROM tasks t
                             WHERE t.record_type = 'company' AND t.record_id = c.id
                               AND t.done_at IS NULL AND t.deleted_at IS NULL))
  AND ($9 = 0 OR EXISTS (SELECT 1 FROM custom_values v
                         WHERE v.record_type = 'company' AND v.record_id = c.id
                           AND v.field_id = $9 AND v.value = $10))
ORDER BY c.updated_at DESC, c.id DESC
LIMIT $11
