SELECT id, kind, name, department_id, active, created_at, updated_at FROM pbxs WHERE id = $1
