UPDATE departments SET name = $2, name_key = $3, kind = $4, head_user_id = $5, updated_at = $6
WHERE id = $1
