SELECT h.id, h.record_type, h.record_id, h.field, h.old_value, h.new_value, h.by_user_id, h.at
FROM history h
WHERE h.record_type = $1 AND h.record_id = $2 AND ($3 = 0 OR h.id < $3)
ORDER BY h.id DESC
LIMIT $4
