SELECT n.id, n.record_type, n.record_id, n.author_id, n.body, n.created_at
FROM notes n
WHERE n.record_type = $1 AND n.record_id = $2 AND ($3 = 0 OR n.id < $3)
ORDER BY n.id DESC
LIMIT $4
