SELECT id, record_type, record_id, kind, subject, due_at, location, done_at, deleted_at
FROM tasks
ORDER BY id
