SELECT id
FROM custom_fields
WHERE name = $1
LIMIT 1
