SELECT id FROM users WHERE email_key = $1
