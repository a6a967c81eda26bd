-- A lead in the scope, deleted or not (the service answers 404 for a deleted one).
SELECT l.id, l.owner_id, l.title, l.source, l.person_name, l.company_name, l.contact_id, l.amount, l.currency,
       l.pipeline_id, l.stage_id, l.stage_entered_at, l.stage_deadline, l.is_open, l.converted_at, l.deal_id,
       l.lost_reason, l.created_at, l.updated_at, l.deleted_at
FROM leads l
JOIN users u ON u.id = l.owner_id
WHERE l.id = $4 AND /*@ sees(l.owner_id, u.department_id) @*/
