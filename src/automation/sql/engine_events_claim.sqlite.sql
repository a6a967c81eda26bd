-- Unprocessed domain events in id order (SQLite has one writer: nothing to skip).
SELECT id, kind, record_type, record_id, data, depth, by_user_id, at
FROM domain_events
WHERE processed_at IS NULL
ORDER BY id
LIMIT $1
