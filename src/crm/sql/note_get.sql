SELECT n.id, n.record_type, n.record_id, n.author_id, n.body, n.created_at
FROM notes n
WHERE n.id = $1
