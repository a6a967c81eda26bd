-- Rows of automation_rules that still name department $1 once nothing blocks its deletion (deleted
-- ones, see department_blockers.sql) keep their history without it.
UPDATE automation_rules SET department_id = NULL WHERE department_id = $1
