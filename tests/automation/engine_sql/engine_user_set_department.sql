UPDATE users SET department_id = $2 WHERE id = $1
