-- Visible calls, newest first, keyset-paged by (started_at, id) descending: $4 = 1 continues
-- below the position ($5, $6). Filters: $7 user (0: any), $8 direction, $9 status ('' any),
-- started in [$10, $11), $12/$13 a linked record in the scope's sight ('' any; one out of sight
-- filters like a missing one), $14 has_recording (-1 any).
-- Columns as call_get_visible.sql (telephony::CallFromRow).
SELECT c.id, c.pbx_id, c.pbx_call_id, c.direction, c.from_number, c.to_number, c.extension, c.user_id,
       c.flagged_unknown_extension, c.started_at, c.answered_at, c.ended_at, c.status, c.duration_s, c.talk_s,
       c.has_recording, c.callback_task_id, c.created_at, c.updated_at
FROM calls c
LEFT JOIN users u ON u.id = c.user_id
WHERE /*@ sees_call(c, u.department_id) @*/
  AND ($4 = 0 OR c.started_at < $5 OR (c.started_at = $5 AND c.id < $6))
  AND ($7 = 0 OR c.user_id = $7)
  AND ($8 = '' OR c.direction = $8)
  AND ($9 = '' OR c.status = $9)
  AND c.started_at >= $10 AND c.started_at < $11
  AND ($12 = '' OR EXISTS (SELECT 1 FROM call_links k WHERE k.call_id = c.id AND k.record_type = $12 AND k.record_id = $13
                           AND /*@ record_title_in_sight(k.record_type, k.record_id) @*/ IS NOT NULL))
  AND ($14 < 0 OR c.has_recording = $14)
ORDER BY c.started_at DESC, c.id DESC
LIMIT $15
