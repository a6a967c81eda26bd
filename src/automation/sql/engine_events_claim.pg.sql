-- Unprocessed domain events in id order; rows another dispatcher holds are skipped.
SELECT id, kind, record_type, record_id, data, depth, by_user_id, at
FROM domain_events
WHERE processed_at IS NULL
ORDER BY id
LIMIT $1
FOR UPDATE SKIP LOCKED
