-- Reads of notifications after id $1, oldest first, for the live feed.
SELECT id, notification_id, user_id
FROM notification_reads
WHERE id > $1
ORDER BY id
LIMIT $2
