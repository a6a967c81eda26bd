SELECT record_type, record_id, field_id, value FROM custom_values ORDER BY record_type, record_id, field_id
