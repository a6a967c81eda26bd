SELECT f.id, f.record_type, f.name, f.type, f.options, f.required, f.created_at, f.updated_at
FROM custom_fields f
WHERE f.record_type = $1 AND f.name = $2
