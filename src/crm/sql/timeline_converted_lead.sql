SELECT l.id FROM leads l WHERE l.deal_id = $1 ORDER BY l.id LIMIT 1
