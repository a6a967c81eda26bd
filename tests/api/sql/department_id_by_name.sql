SELECT id FROM departments WHERE name = $1
