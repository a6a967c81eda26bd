-- The state of a call; SQLite's single writer serialises the folding. Columns as call_lock.pg.sql.
SELECT c.id, c.direction, c.from_number, c.to_number, c.extension, c.extension_answered, c.started_at, c.answered_at,
       c.ended_at, c.end_reason, c.has_recording, c.user_id, c.flagged_unknown_extension, c.callback_task_id
FROM calls c
WHERE c.pbx_id = $1 AND c.pbx_call_id = $2
