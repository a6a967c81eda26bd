SELECT id, name, kind, head_user_id, created_at, updated_at FROM departments WHERE name_key = $1
