SELECT id, password_hash FROM users WHERE email_key = $1 AND active = 1
