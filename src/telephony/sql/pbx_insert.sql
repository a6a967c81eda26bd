INSERT INTO pbxs (kind, name, department_id, secret, active, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
RETURNING id
