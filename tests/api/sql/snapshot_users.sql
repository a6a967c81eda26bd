SELECT id, email, email_key, name, role, department_id, phone_extension, active, password_hash, created_at, updated_at
FROM users ORDER BY id
