-- Every note, oldest first.
SELECT id, record_type, record_id, author_id, body
FROM notes
ORDER BY id
