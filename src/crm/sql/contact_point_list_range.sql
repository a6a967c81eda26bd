-- Phones and e-mails of the records of one type with ids from $2 to $3 (a page of a list or
-- board); the caller keeps those of its page.
SELECT cp.record_id, cp.kind, cp.value
FROM contact_points cp
WHERE cp.record_type = $1 AND cp.record_id BETWEEN $2 AND $3
ORDER BY cp.record_id, cp.kind, cp.position, cp.id
