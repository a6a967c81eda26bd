SELECT * FROM history ORDER BY id
