UPDATE companies SET updated_at = 1000000000
