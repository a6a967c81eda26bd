INSERT INTO notes (record_type, record_id, author_id, body, created_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id
