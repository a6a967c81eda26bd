INSERT INTO call_links (call_id, record_type, record_id) VALUES ($1, $2, $3)
ON CONFLICT (call_id, record_type, record_id) DO NOTHING
