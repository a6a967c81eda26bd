INSERT INTO contacts (owner_id, name, is_client, search, created_at, updated_at)
VALUES ($1, $2, 1, $2, $3, $3)
RETURNING id
