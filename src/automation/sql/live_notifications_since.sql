-- Notifications after id $1, oldest first, for the live feed.
SELECT id, user_id
FROM notifications
WHERE id > $1
ORDER BY id
LIMIT $2
