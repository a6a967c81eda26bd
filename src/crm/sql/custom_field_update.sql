UPDATE custom_fields SET options = $2, required = $3, updated_at = $4 WHERE id = $1
