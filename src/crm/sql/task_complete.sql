UPDATE tasks SET done_at = $2, result = $3, updated_at = $2
WHERE id = $1 AND /*@ task_open(tasks) @*/
