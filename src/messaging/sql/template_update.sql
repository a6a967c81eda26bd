UPDATE message_templates
SET name = $2, subject = $3, body = $4, html = $5, updated_at = $6, department_id = $7
WHERE id = $1 AND deleted_at IS NULL
