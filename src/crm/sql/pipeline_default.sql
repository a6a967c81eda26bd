SELECT id
FROM pipelines
WHERE record_type = $1 AND deleted_at IS NULL
ORDER BY is_default DESC, id
LIMIT 1
