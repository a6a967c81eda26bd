SELECT id, user_id, kind, text, record_type, record_id, rule_id, created_at, read_at
FROM notifications
WHERE id = $1 AND user_id = $2
