UPDATE users SET active = 0 WHERE id = $1
