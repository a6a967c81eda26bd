-- A task by id whatever its sight (the system's own reads, the answer to a change), with its
-- record's title only when that record is in the scope bound as $1..$3.
SELECT t.id, t.record_type, t.record_id, t.owner_id, t.kind, t.subject, t.due_at, t.location,
       t.assignee_id, t.department_id, t.done_at, t.result, t.created_by, t.created_at, t.updated_at,
       /*@ record_title_in_sight(t.record_type, t.record_id) @*/ AS record_title
FROM tasks t
WHERE t.id = $4 AND t.deleted_at IS NULL
