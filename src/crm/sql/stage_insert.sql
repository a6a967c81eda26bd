INSERT INTO stages (pipeline_id, name, position, kind, max_duration, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
RETURNING id
