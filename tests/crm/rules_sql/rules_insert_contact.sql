-- A generated contact (tests/crm/rules_agree_test.cpp): owner, name, is_client, at, deleted_at.
INSERT INTO contacts (owner_id, name, is_client, search, created_at, updated_at, deleted_at)
VALUES ($1, $2, $3, $2, $4, $4, $5)
RETURNING id
