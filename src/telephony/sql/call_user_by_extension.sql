-- The active user of a PBX extension (users.phone_extension); the lowest id when two share one.
SELECT id FROM users WHERE phone_extension = $1 AND active = 1 ORDER BY id LIMIT 1
