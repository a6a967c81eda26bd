SELECT h.id, h.record_type, h.record_id, h.field, h.old_value, h.new_value, h.by_user_id, h.at
FROM history h
WHERE ((h.record_type = $1 AND h.record_id = $2) OR (h.record_type = 'lead' AND h.record_id = $3))
  AND (h.at < $4 OR (h.at = $4 AND h.id < $5))
ORDER BY h.at DESC, h.id DESC
LIMIT $6
