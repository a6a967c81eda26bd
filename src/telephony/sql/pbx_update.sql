UPDATE pbxs SET name = $2, department_id = $3, secret = COALESCE($4, secret), active = $5, updated_at = $6
WHERE id = $1
