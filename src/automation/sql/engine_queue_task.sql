-- A department-queue task with its department, for the overdue notice.
SELECT t.subject, t.due_at, t.done_at, t.deleted_at, d.name, d.head_user_id
FROM tasks t
JOIN departments d ON d.id = t.department_id
WHERE t.id = $1
