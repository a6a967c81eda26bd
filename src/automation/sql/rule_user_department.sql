-- A user's department and whether they are active (the scope of a rule's users).
SELECT department_id, active FROM users WHERE id = $1
