INSERT INTO tasks (record_type, record_id, owner_id, kind, subject, due_at, created_at, updated_at)
VALUES ($1, $2, $3, 'call', 'Позвонить', 2000000000, 1700000000, 1700000000)
RETURNING id
