SELECT owner_id FROM tasks WHERE id = $1
