INSERT INTO automation_rules (name, enabled, record_type, trigger_type, definition, created_at, updated_at)
VALUES ($1, 0, 'deal', 'record_created', '{}', $2, $2)
RETURNING id
