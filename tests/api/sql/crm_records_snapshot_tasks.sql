SELECT id, record_type, record_id, owner_id, done_at, deleted_at FROM tasks ORDER BY id
