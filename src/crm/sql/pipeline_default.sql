SELECT id
FROM pipelines
WHERE record_type = $1
ORDER BY is_default DESC, id
LIMIT 1
