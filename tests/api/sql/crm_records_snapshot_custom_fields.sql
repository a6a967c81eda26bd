SELECT id, record_type, name, type, options, required, created_at, updated_at FROM custom_fields ORDER BY id
