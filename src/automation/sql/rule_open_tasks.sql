SELECT id, kind, due_at, department_id
FROM tasks
WHERE record_type = $1 AND record_id = $2 AND done_at IS NULL AND deleted_at IS NULL
ORDER BY due_at, id
