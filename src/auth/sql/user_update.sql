UPDATE users
SET email = $2, email_key = $3, name = $4, role = $5, department_id = $6, phone_extension = $7,
    active = $8, updated_at = $9
WHERE id = $1
