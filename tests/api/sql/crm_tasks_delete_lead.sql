UPDATE leads SET deleted_at = $2 WHERE id = $1
