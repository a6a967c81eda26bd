SELECT record_type, record_id FROM call_links WHERE call_id = $1 ORDER BY record_type, record_id
