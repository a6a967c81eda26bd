SELECT id, record_type, record_id, owner_id, kind, subject, due_at, location, assignee_id, department_id,
       done_at, result, created_by, created_at, updated_at, deleted_at
FROM tasks
ORDER BY id
