UPDATE tasks
SET record_type = $2, record_id = $3, owner_id = $4, kind = $5, subject = $6, due_at = $7,
    location = $8, assignee_id = $9, department_id = $10, updated_at = $11
WHERE id = $1
