SELECT id, record_type, record_id, author_id, body, created_at FROM notes ORDER BY id
