SELECT kind, department_id FROM message_templates WHERE id = $1 AND deleted_at IS NULL
