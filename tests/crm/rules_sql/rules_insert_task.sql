-- A generated task (tests/crm/rules_agree_test.cpp): record type and id, owner, at, done_at,
-- deleted_at.
INSERT INTO tasks (record_type, record_id, owner_id, kind, subject, due_at, done_at, created_at, updated_at, deleted_at)
VALUES ($1, $2, $3, 'call', 'Позвонить', $4, $5, $4, $4, $6)
RETURNING id
