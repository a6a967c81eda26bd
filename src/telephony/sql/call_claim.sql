-- The row of a call seen for the first time ($4: its event's time, $5: now), holding the empty
-- state; an existing row stays.
INSERT INTO calls (pbx_id, pbx_call_id, direction, from_number, to_number, client_key, extension, extension_answered,
                   user_id, flagged_unknown_extension, department_id, started_at, answered_at, ended_at, end_reason,
                   status, duration_s, talk_s, has_recording, callback_task_id, created_at, updated_at)
VALUES ($1, $2, NULL, '', '', '', '', 0, NULL, 0, $3, $4, NULL, NULL, '', 'ringing', 0, 0, 0, NULL, $5, $5)
ON CONFLICT (pbx_id, pbx_call_id) DO NOTHING
