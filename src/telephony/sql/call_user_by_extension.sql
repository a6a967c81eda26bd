-- The active user of a PBX extension (users.phone_extension): one of the PBX's department $2
-- first, then the lowest id, when several share the extension.
SELECT id FROM users WHERE phone_extension = $1 AND active = 1
ORDER BY CASE WHEN department_id = $2 THEN 0 ELSE 1 END, id
LIMIT 1
