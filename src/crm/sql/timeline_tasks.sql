-- record_title is NULL: the timeline is the record's own, whose card names it.
SELECT t.id, t.record_type, t.record_id, t.owner_id, t.kind, t.subject, t.due_at, t.location,
       t.assignee_id, t.department_id, t.done_at, t.result, t.created_by, t.created_at, t.updated_at,
       NULL AS record_title
FROM tasks t
WHERE ((t.record_type = $1 AND t.record_id = $2) OR (t.record_type = 'lead' AND t.record_id = $3))
  AND t.deleted_at IS NULL
  AND (COALESCE(t.done_at, t.created_at) < $4 OR (COALESCE(t.done_at, t.created_at) = $4 AND t.id < $5))
ORDER BY COALESCE(t.done_at, t.created_at) DESC, t.id DESC
LIMIT $6
