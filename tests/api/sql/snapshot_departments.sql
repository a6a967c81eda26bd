SELECT id, name, name_key, kind, head_user_id, created_at, updated_at FROM departments ORDER BY id
