SELECT cp.kind, cp.value
FROM contact_points cp
WHERE cp.record_type = $1 AND cp.record_id = $2
ORDER BY cp.kind, cp.position, cp.id
