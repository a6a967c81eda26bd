SELECT id, pipeline_id, name, position, kind, max_duration
FROM stages
WHERE pipeline_id = $1 AND deleted_at IS NULL
ORDER BY position, id
