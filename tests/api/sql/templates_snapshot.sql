SELECT id, kind, name, subject, body, html, created_by, created_at, updated_at, deleted_at
FROM message_templates
ORDER BY id
