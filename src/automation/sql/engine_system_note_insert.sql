-- A note written by the system (no author), shown in the record's timeline.
INSERT INTO notes (record_type, record_id, author_id, body, created_at) VALUES ($1, $2, NULL, $3, $4)
RETURNING id
