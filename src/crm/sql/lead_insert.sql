INSERT INTO leads (owner_id, title, source, person_name, company_name, contact_id, amount, currency, pipeline_id,
                   stage_id, stage_entered_at, stage_deadline, is_open, lost_reason, search, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
RETURNING id
