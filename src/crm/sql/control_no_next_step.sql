SELECT 'lead', r.id, r.title, r.owner_id, ou.name
FROM leads r
JOIN users ou ON ou.id = r.owner_id
WHERE r.is_open = 1 AND r.converted_at IS NULL AND r.deleted_at IS NULL
  AND ($1 = 1 OR r.owner_id = $2 OR ou.department_id = $3)
  AND NOT EXISTS (SELECT 1 FROM tasks t
                  WHERE t.record_type = 'lead' AND t.record_id = r.id
                    AND t.done_at IS NULL AND t.deleted_at IS NULL)
UNION ALL
SELECT 'deal', r.id, r.title, r.owner_id, ou.name
FROM deals r
JOIN users ou ON ou.id = r.owner_id
WHERE r.is_open = 1 AND r.deleted_at IS NULL
  AND ($1 = 1 OR r.owner_id = $2 OR ou.department_id = $3)
  AND NOT EXISTS (SELECT 1 FROM tasks t
                  WHERE t.record_type = 'deal' AND t.record_id = r.id
                    AND t.done_at IS NULL AND t.deleted_at IS NULL)
UNION ALL
SELECT 'contact', r.id, r.name, r.owner_id, ou.name
FROM contacts r
JOIN users ou ON ou.id = r.owner_id
WHERE r.is_client = 1 AND r.deleted_at IS NULL
  AND ($1 = 1 OR r.owner_id = $2 OR ou.department_id = $3)
  AND NOT EXISTS (SELECT 1 FROM tasks t
                  WHERE t.record_type = 'contact' AND t.record_id = r.id
                    AND t.done_at IS NULL AND t.deleted_at IS NULL)
ORDER BY 4, 1, 2
