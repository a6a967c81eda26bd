INSERT INTO message_templates (kind, name, subject, body, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $5)
RETURNING id
