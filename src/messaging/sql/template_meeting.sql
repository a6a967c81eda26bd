SELECT due_at, location
FROM tasks
WHERE record_type = $1 AND record_id = $2 AND kind = 'meeting' AND /*@ task_open(tasks) @*/
ORDER BY CASE WHEN due_at >= $3 THEN 0 ELSE 1 END,
         CASE WHEN due_at >= $3 THEN due_at ELSE -due_at END,
         id
LIMIT 1
