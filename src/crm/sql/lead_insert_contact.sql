INSERT INTO contacts (owner_id, name, company_id, is_client, search, created_at, updated_at)
VALUES ($1, $2, $3, 0, $4, $5, $5)
RETURNING id
