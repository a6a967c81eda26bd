-- Department $1, once nothing names it (department_blockers.sql, department_detach_*.sql).
DELETE FROM departments WHERE id = $1
