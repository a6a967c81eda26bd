UPDATE companies SET owner_id = $2, name = $3, inn = $4, address = $5, search = $6, updated_at = $7
WHERE id = $1
