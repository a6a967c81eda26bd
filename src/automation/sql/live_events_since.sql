-- Domain events after id $1, oldest first, for the live feed.
SELECT id, kind, record_type, record_id, data
FROM domain_events
WHERE id > $1
ORDER BY id
LIMIT $2
