SELECT m.id, m.record_type, m.record_id, m.channel, m.state, m.recipient, COALESCE(m.subject, substr(m.body, 1, 200)),
       m.last_error, m.created_at, m.sent_at
FROM messages m
WHERE ((m.record_type = $1 AND m.record_id = $2) OR (m.record_type = 'lead' AND m.record_id = $3))
  AND (m.created_at < $4 OR (m.created_at = $4 AND m.id < $5))
ORDER BY m.created_at DESC, m.id DESC
LIMIT $6
