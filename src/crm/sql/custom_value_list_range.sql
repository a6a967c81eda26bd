-- Custom values of the records of one type with ids from $2 to $3 (a page of a list or board);
-- the caller keeps those of its page.
SELECT v.record_id, f.name, f.type, v.value
FROM custom_values v
JOIN custom_fields f ON f.id = v.field_id
WHERE v.record_type = $1 AND v.record_id BETWEEN $2 AND $3
ORDER BY v.record_id, f.name
