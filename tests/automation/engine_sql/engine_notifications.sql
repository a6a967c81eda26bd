-- Every in-app notification, oldest first.
SELECT id, user_id, kind, text, record_type, record_id, rule_id
FROM notifications
ORDER BY id
