SELECT id, name, enabled, record_type, definition, enabled_at, created_by, created_at, updated_at, deleted_at, department_id,
       author_id
FROM automation_rules
WHERE id = $1
