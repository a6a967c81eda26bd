UPDATE leads SET converted_at = $2, deal_id = $3, contact_id = $4, is_open = 0, updated_at = $2 WHERE id = $1
