SELECT * FROM contact_points ORDER BY id
