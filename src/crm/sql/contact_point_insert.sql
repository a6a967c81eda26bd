INSERT INTO contact_points (record_type, record_id, kind, value, key, position)
VALUES ($1, $2, $3, $4, $5, $6)
