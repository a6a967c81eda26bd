-- The open call-back tasks of missed calls from the client number $1 (E.164 digits).
SELECT t.id
FROM calls c
JOIN tasks t ON t.id = c.callback_task_id
WHERE c.client_key = $1 AND c.callback_task_id IS NOT NULL AND /*@ task_open(t) @*/
ORDER BY t.id
