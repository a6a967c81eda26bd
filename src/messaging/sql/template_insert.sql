INSERT INTO message_templates (kind, name, subject, body, html, created_by, created_at, updated_at, department_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)
RETURNING id
