-- The records call $4 is linked to that the caller may see (scope $1..$3): a link to a record out
-- of sight is not shown, not even its id.
SELECT record_type, record_id FROM call_links
WHERE call_id = $4 AND /*@ record_title_in_sight(record_type, record_id) @*/ IS NOT NULL
ORDER BY record_type, record_id
