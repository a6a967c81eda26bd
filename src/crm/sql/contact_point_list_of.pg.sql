-- Phones and e-mails of the records of one type whose ids are in the JSON array $2 (a page).
SELECT cp.record_id, cp.kind, cp.value
FROM contact_points cp
WHERE cp.record_type = $1
  AND cp.record_id = ANY (ARRAY(SELECT CAST(jsonb_array_elements_text(CAST($2 AS jsonb)) AS BIGINT)))
ORDER BY cp.record_id, cp.kind, cp.position, cp.id
