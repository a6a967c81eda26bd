SELECT cp.record_type, cp.record_id
FROM contact_points cp
WHERE cp.kind = $1 AND cp.key = $2
  AND NOT (cp.record_type = $3 AND cp.record_id = $4)
  AND ((cp.record_type = 'company'
        AND EXISTS (SELECT 1 FROM companies c WHERE c.id = cp.record_id AND c.deleted_at IS NULL))
    OR (cp.record_type = 'contact'
        AND EXISTS (SELECT 1 FROM contacts c WHERE c.id = cp.record_id AND c.deleted_at IS NULL))
    OR (cp.record_type = 'lead'
        AND EXISTS (SELECT 1 FROM leads l WHERE l.id = cp.record_id AND l.deleted_at IS NULL
                                                AND l.converted_at IS NULL)))
ORDER BY cp.id
LIMIT 1
