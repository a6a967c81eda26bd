-- The caller's notifications, newest first; $2: 1 for unread only; $3: ids below (0: from the top).
SELECT id, user_id, kind, text, record_type, record_id, rule_id, created_at, read_at
FROM notifications
WHERE user_id = $1
  AND ($2 = 0 OR read_at IS NULL)
  AND ($3 = 0 OR id < $3)
ORDER BY id DESC
LIMIT $4
