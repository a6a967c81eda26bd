UPDATE stages SET name = $2, position = $3, kind = $4, max_duration = $5, updated_at = $6 WHERE id = $1
