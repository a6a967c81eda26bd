-- Notes after id $1, oldest first, for the live feed.
SELECT id, record_type, record_id
FROM notes
WHERE id > $1
ORDER BY id
LIMIT $2
