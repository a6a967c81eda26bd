SELECT t.id, t.record_type, t.record_id, t.owner_id, t.kind, t.subject, t.due_at, t.location,
       t.assignee_id, t.department_id, t.done_at, t.result, t.created_by, t.created_at, t.updated_at,
       /*@ record_title_in_sight(t.record_type, t.record_id) @*/ AS record_title
FROM tasks t
JOIN users ou ON ou.id = t.owner_id
WHERE t.id = $5 AND t.deleted_at IS NULL
  AND /*@ sees_task(t, ou.department_id, $4) @*/
  AND NOT EXISTS (SELECT 1 FROM leads x WHERE t.record_type = 'lead' AND x.id = t.record_id AND x.deleted_at IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM deals x WHERE t.record_type = 'deal' AND x.id = t.record_id AND x.deleted_at IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM contacts x WHERE t.record_type = 'contact' AND x.id = t.record_id AND x.deleted_at IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM companies x WHERE t.record_type = 'company' AND x.id = t.record_id AND x.deleted_at IS NOT NULL)
