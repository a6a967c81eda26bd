SELECT d.id FROM departments d WHERE d.id = $1
