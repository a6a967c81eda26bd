-- The state of a call, locked for the rest of the transaction (the folding of concurrent events
-- of one call is serialised on it). Columns as call_lock.sqlite.sql.
SELECT c.id, c.direction, c.from_number, c.to_number, c.extension, c.extension_answered, c.started_at, c.answered_at,
       c.ended_at, c.end_reason, c.has_recording, c.user_id, c.flagged_unknown_extension, c.callback_task_id
FROM calls c
WHERE c.pbx_id = $1 AND c.pbx_call_id = $2
FOR UPDATE
