SELECT id, kind, name, subject, body, html, created_at, updated_at
FROM message_templates
WHERE deleted_at IS NULL AND id > $1 AND ($2 = '' OR kind = $2)
ORDER BY id
LIMIT $3
