SELECT active FROM users WHERE id = $1
