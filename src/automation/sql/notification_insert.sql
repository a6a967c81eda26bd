INSERT INTO notifications (user_id, kind, text, record_type, record_id, rule_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id
