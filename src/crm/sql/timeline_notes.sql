SELECT n.id, n.record_type, n.record_id, n.author_id, n.body, n.created_at
FROM notes n
WHERE ((n.record_type = $1 AND n.record_id = $2) OR (n.record_type = 'lead' AND n.record_id = $3))
  AND (n.created_at < $4 OR (n.created_at = $4 AND n.id < $5))
ORDER BY n.created_at DESC, n.id DESC
LIMIT $6
