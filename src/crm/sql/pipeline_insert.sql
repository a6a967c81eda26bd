INSERT INTO pipelines (name, record_type, is_default, created_at, updated_at, department_id)
VALUES ($1, $2, $3, $4, $4, $5)
RETURNING id
