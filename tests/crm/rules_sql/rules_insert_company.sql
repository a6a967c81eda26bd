-- A generated company (tests/crm/rules_agree_test.cpp): owner, name, at, deleted_at.
INSERT INTO companies (owner_id, name, search, created_at, updated_at, deleted_at)
VALUES ($1, $2, $2, $3, $3, $4)
RETURNING id
