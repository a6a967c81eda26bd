UPDATE domain_events SET processed_at = $2
WHERE id = ANY (ARRAY(SELECT CAST(jsonb_array_elements_text(CAST($1 AS jsonb)) AS BIGINT)))
