-- What keeps department $1 from being deleted, by what names it: its users (active or not), the
-- open tasks of its queue, the automation rules, message templates and pipelines of its scope
-- (not deleted), and its PBXs. When a table gains a reference to departments, add it here and, for the
-- rows that may stay behind, a department_detach_*.sql.
SELECT (SELECT count(*) FROM users WHERE department_id = $1),
       (SELECT count(*) FROM tasks WHERE department_id = $1 AND done_at IS NULL AND deleted_at IS NULL),
       (SELECT count(*) FROM automation_rules WHERE department_id = $1 AND deleted_at IS NULL),
       (SELECT count(*) FROM message_templates WHERE department_id = $1 AND deleted_at IS NULL),
       (SELECT count(*) FROM pipelines WHERE department_id = $1 AND deleted_at IS NULL),
       (SELECT count(*) FROM pbxs WHERE department_id = $1)
