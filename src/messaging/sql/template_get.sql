SELECT id, kind, name, subject, body, html, created_at, updated_at, department_id
FROM message_templates
WHERE id = $1 AND deleted_at IS NULL
