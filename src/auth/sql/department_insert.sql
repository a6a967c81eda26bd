INSERT INTO departments (name, name_key, kind, head_user_id, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $5)
RETURNING id
