SELECT id, record_type, record_id, kind, value, key, position FROM contact_points ORDER BY id
