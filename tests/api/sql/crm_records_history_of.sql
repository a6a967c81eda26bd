SELECT field, old_value, new_value, by_user_id FROM history WHERE record_type = $1 AND record_id = $2 ORDER BY id
