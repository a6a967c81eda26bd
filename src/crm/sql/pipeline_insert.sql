INSERT INTO pipelines (name, record_type, is_default, created_at, updated_at)
VALUES ($1, $2, $3, $4, $4)
RETURNING id
