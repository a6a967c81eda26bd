-- One column of a lead board: the visible, not deleted leads of a stage in id order, after the
-- id the page continues from. $4 stage_id, $5 owner_id (0: any), $6 after id, $7 limit.
-- Uses leads_stage (stage_id, id); the general lead_list cannot (its sort key is an expression).
SELECT l.id, l.owner_id, l.title, l.source, l.person_name, l.company_name, l.contact_id, l.amount, l.currency,
       l.pipeline_id, l.stage_id, l.stage_entered_at, l.stage_deadline, l.is_open, l.converted_at, l.deal_id,
       l.lost_reason, l.created_at, l.updated_at, l.deleted_at
FROM leads l
JOIN users u ON u.id = l.owner_id
WHERE /*@ sees(l.owner_id, u.department_id) @*/
  AND l.stage_id = $4 AND l.deleted_at IS NULL
  AND ($5 = 0 OR l.owner_id = $5)
  AND l.id > $6
ORDER BY l.id
LIMIT $7
