INSERT INTO companies (owner_id, name, inn, address, search, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
RETURNING id
