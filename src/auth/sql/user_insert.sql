INSERT INTO users (email, email_key, name, role, department_id, phone_extension, active,
                   password_hash, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
RETURNING id
