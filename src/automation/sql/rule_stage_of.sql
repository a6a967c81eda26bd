SELECT s.pipeline_id, p.record_type
FROM stages s
JOIN pipelines p ON p.id = s.pipeline_id
WHERE s.id = $1 AND s.deleted_at IS NULL AND p.deleted_at IS NULL
