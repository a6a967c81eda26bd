-- Calls that still name department $1 once nothing blocks its deletion (its PBXs are gone or
-- moved, see department_blockers.sql) keep their history without it: their sight is then their
-- user's, or the admins' alone.
UPDATE calls SET department_id = NULL WHERE department_id = $1
