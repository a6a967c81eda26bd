-- Columns as call_list.sql (telephony::CallFromRow).
SELECT c.id, c.pbx_id, c.pbx_call_id, c.direction, c.from_number, c.to_number, c.extension, c.user_id,
       c.flagged_unknown_extension, c.started_at, c.answered_at, c.ended_at, c.status, c.duration_s, c.talk_s,
       c.has_recording, c.callback_task_id, c.created_at, c.updated_at
FROM calls c
LEFT JOIN users u ON u.id = c.user_id
WHERE c.id = $4 AND /*@ sees_call(c, u.department_id) @*/
