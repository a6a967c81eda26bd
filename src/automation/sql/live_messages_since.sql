-- Messages of a record from id $1 on, oldest first, with their state, for the live feed (which
-- reads again from the oldest one it saw unfinished, to notice when it is sent or fails).
SELECT id, record_type, record_id, state, created_at
FROM messages
WHERE id >= $1
ORDER BY id
LIMIT $2
