INSERT INTO deals (owner_id, title, contact_id, company_id, amount, currency, pipeline_id, stage_id, stage_entered_at,
                   stage_deadline, is_open, expected_close_on, lost_reason, search, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
RETURNING id
