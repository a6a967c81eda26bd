-- One column of a deal board: the visible, not deleted deals of a stage in id order, after the
-- id the page continues from. $4 stage_id, $5 owner_id (0: any), $6 after id, $7 limit.
-- Uses deals_stage (stage_id, id); the general deal_list cannot (its sort key is an expression).
SELECT l.id, l.owner_id, l.title, l.contact_id, l.company_id, l.amount, l.currency, l.pipeline_id, l.stage_id,
       l.stage_entered_at, l.stage_deadline, l.is_open, l.expected_close_on, l.lost_reason, l.created_at,
       l.updated_at, l.deleted_at
FROM deals l
JOIN users u ON u.id = l.owner_id
WHERE /*@ sees(l.owner_id, u.department_id) @*/
  AND l.stage_id = $4 AND l.deleted_at IS NULL
  AND ($5 = 0 OR l.owner_id = $5)
  AND l.id > $6
ORDER BY l.id
LIMIT $7
