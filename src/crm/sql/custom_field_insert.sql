INSERT INTO custom_fields (record_type, name, type, options, required, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
RETURNING id
