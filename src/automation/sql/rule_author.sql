-- A rule's author as the engine weighs their sight now.
SELECT id, role, department_id, active FROM users WHERE id = $1
