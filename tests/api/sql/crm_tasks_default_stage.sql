SELECT s.pipeline_id, s.id
FROM stages s
JOIN pipelines p ON p.id = s.pipeline_id
WHERE p.record_type = $1 AND p.is_default = 1 AND s.kind = $2
ORDER BY s.position
LIMIT 1
