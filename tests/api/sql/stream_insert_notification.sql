-- A notification of user $1 with text $2 at $3, as automation would leave one.
INSERT INTO notifications (user_id, kind, text, created_at) VALUES ($1, 'rule', $2, $3)
RETURNING id
