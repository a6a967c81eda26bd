-- Open leads that became overdue after the last scan $1 and by $2 (BecameStageOverdue), earliest
-- deadline first.
SELECT l.id, l.pipeline_id, l.stage_id, l.stage_entered_at, l.stage_deadline
FROM leads l
WHERE l.deleted_at IS NULL AND /*@ stage_overdue_since(l, $1, $2) @*/
ORDER BY l.stage_deadline, l.id
LIMIT $3
