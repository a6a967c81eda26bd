UPDATE leads
SET owner_id = $2, title = $3, source = $4, person_name = $5, company_name = $6, contact_id = $7, amount = $8,
    currency = $9, pipeline_id = $10, stage_id = $11, stage_entered_at = $12, stage_deadline = $13, is_open = $14,
    lost_reason = $15, search = $16, updated_at = $17
WHERE id = $1
