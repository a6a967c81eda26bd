SELECT id, kind, due_at, department_id
FROM tasks
WHERE record_type = $1 AND record_id = $2 AND /*@ task_open(tasks) @*/
ORDER BY due_at, id
