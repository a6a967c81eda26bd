-- Open deals that became overdue after the last scan $1 and by $2 (BecameStageOverdue), earliest
-- deadline first.
SELECT d.id, d.pipeline_id, d.stage_id, d.stage_entered_at, d.stage_deadline
FROM deals d
WHERE d.deleted_at IS NULL AND /*@ stage_overdue_since(d, $1, $2) @*/
ORDER BY d.stage_deadline, d.id
LIMIT $3
