SELECT count(*) FROM users WHERE role = 'admin' AND active = 1
