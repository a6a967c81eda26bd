-- A generated task (tests/crm/rules_agree_test.cpp): record type and id, owner, at, done_at,
-- deleted_at, assignee, department queue.
INSERT INTO tasks (record_type, record_id, owner_id, kind, subject, due_at, done_at, created_at, updated_at, deleted_at,
                   assignee_id, department_id)
VALUES ($1, $2, $3, 'call', 'Позвонить', $4, $5, $4, $4, $6, $7, $8)
RETURNING id
