INSERT INTO domain_events (kind, record_type, record_id, data, depth, by_user_id, at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id
