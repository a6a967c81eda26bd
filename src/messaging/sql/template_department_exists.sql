SELECT id FROM departments WHERE id = $1
