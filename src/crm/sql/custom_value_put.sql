INSERT INTO custom_values (record_type, record_id, field_id, value)
VALUES ($1, $2, $3, $4)
ON CONFLICT (record_type, record_id, field_id) DO UPDATE SET value = excluded.value
