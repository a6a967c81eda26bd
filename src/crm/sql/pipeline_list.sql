SELECT id, name, record_type, is_default, created_at, updated_at, department_id
FROM pipelines
WHERE ($1 = '' OR record_type = $1) AND deleted_at IS NULL
ORDER BY id
