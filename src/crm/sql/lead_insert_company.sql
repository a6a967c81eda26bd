INSERT INTO companies (owner_id, name, search, created_at, updated_at)
VALUES ($1, $2, $3, $4, $4)
RETURNING id
