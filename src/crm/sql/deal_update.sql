UPDATE deals
SET owner_id = $2, title = $3, contact_id = $4, company_id = $5, amount = $6, currency = $7, pipeline_id = $8,
    stage_id = $9, stage_entered_at = $10, stage_deadline = $11, is_open = $12, expected_close_on = $13,
    lost_reason = $14, search = $15, updated_at = $16
WHERE id = $1
