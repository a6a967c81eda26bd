SELECT id, record_type, record_id, field, old_value, new_value, by_user_id, at FROM history ORDER BY id
