-- Rows of pipelines that still name department $1 once nothing blocks its deletion (deleted
-- ones, see department_blockers.sql) keep their history without it.
UPDATE pipelines SET department_id = NULL WHERE department_id = $1
