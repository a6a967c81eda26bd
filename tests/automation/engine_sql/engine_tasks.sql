-- Every task not deleted, oldest first.
SELECT id, record_type, record_id, kind, subject, due_at, assignee_id, department_id, done_at
FROM tasks
WHERE deleted_at IS NULL
ORDER BY id
