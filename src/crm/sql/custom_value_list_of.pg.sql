-- Custom values of the records of one type whose ids are in the JSON array $2 (a page).
SELECT v.record_id, f.name, f.type, v.value
FROM custom_values v
JOIN custom_fields f ON f.id = v.field_id
WHERE v.record_type = $1
  AND v.record_id = ANY (ARRAY(SELECT CAST(jsonb_array_elements_text(CAST($2 AS jsonb)) AS BIGINT)))
ORDER BY v.record_id, f.name
