UPDATE companies SET deleted_at = $2, updated_at = $3 WHERE id = $1
