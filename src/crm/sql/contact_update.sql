UPDATE contacts SET owner_id = $2, name = $3, company_id = $4, search = $5, updated_at = $6
WHERE id = $1
