INSERT INTO deals (owner_id, title, amount, currency, pipeline_id, stage_id, stage_entered_at, is_open,
                   search, created_at, updated_at)
VALUES ($1, $2, $3, 'RUB', $4, $5, $6, 1, $2, $6, $6)
RETURNING id
