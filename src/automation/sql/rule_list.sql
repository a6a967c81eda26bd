SELECT id, name, enabled, record_type, definition, enabled_at, created_by, created_at, updated_at, deleted_at
FROM automation_rules
WHERE deleted_at IS NULL AND id > $1
ORDER BY id
LIMIT $2
