INSERT INTO tasks (record_type, record_id, owner_id, kind, subject, due_at, location, assignee_id,
                   department_id, created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
RETURNING id
