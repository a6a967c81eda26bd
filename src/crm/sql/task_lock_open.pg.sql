SELECT t.id
FROM tasks t
WHERE t.record_type = $1 AND t.record_id = $2 AND /*@ task_open(t) @*/
FOR UPDATE
