-- Open leads whose stage deadline passed in ($1, $2], earliest first.
SELECT id, pipeline_id, stage_id, stage_entered_at, stage_deadline
FROM leads
WHERE is_open = 1 AND deleted_at IS NULL AND stage_deadline > $1 AND stage_deadline <= $2
ORDER BY stage_deadline, id
LIMIT $3
