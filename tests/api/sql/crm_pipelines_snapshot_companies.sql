SELECT * FROM companies ORDER BY id
