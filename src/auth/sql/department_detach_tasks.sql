-- Rows of tasks that still name department $1 once nothing blocks its deletion (done or deleted
-- ones, see department_blockers.sql) keep their history without it.
UPDATE tasks SET department_id = NULL WHERE department_id = $1
