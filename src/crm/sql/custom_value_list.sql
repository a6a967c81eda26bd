SELECT f.name, f.type, v.value
FROM custom_values v
JOIN custom_fields f ON f.id = v.field_id
WHERE v.record_type = $1 AND v.record_id = $2
ORDER BY f.name
