SELECT f.id, f.record_type, f.name, f.type, f.options, f.required, f.created_at, f.updated_at
FROM custom_fields f
WHERE ($1 = '' OR f.record_type = $1)
ORDER BY f.id
