-- The list in id order when q uses the trigram index ($5 set).
SELECT c.id, c.owner_id, c.name, c.inn, c.address, c.created_at, c.updated_at, c.deleted_at
FROM companies c
JOIN users ou ON ou.id = c.owner_id
WHERE /*@ sees(c.owner_id, ou.department_id) @*/
  AND c.deleted_at IS NULL
  AND ($11 = 0 OR c.id > $11)
  AND ($4 = 0 OR c.owner_id = $4)
  AND ($5 = '' OR c.search LIKE '%' || replace(replace(replace($5, '\', '\\'), '%', '\%'), '_', '\_') || '%')
  AND ($6 = '' OR strpos(c.search, $6) > 0)
  AND ($7 = 0 OR /*@ company_lacks_next_step(c) @*/)
  AND ($8 = 0 OR EXISTS (SELECT 1 FROM custom_values v
                         WHERE v.record_type = 'company' AND v.record_id = c.id
                           AND v.field_id = $8 AND v.value = $9))
ORDER BY c.id
LIMIT $10
