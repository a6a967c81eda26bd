UPDATE calls SET direction = $2, from_number = $3, to_number = $4, client_key = $5, extension = $6,
                 extension_answered = $7, user_id = $8, flagged_unknown_extension = $9, started_at = $10,
                 answered_at = $11, ended_at = $12, end_reason = $13, status = $14, duration_s = $15, talk_s = $16,
                 has_recording = $17, callback_task_id = $18, updated_at = $19
WHERE id = $1
