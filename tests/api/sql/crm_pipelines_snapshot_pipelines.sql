SELECT * FROM pipelines ORDER BY id
