INSERT INTO leads (owner_id, title, amount, currency, pipeline_id, stage_id, stage_entered_at, is_open,
                   search, created_at, updated_at)
VALUES ($1, $2, 0, 'RUB', $3, $4, $5, 1, $2, $5, $5)
RETURNING id
