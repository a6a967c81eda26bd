INSERT INTO history (record_type, record_id, field, old_value, new_value, by_user_id, at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
