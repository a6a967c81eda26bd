-- A generated deal in any state (tests/crm/rules_agree_test.cpp): owner, title, pipeline, stage,
-- entered_at, deadline, is_open, deleted_at.
INSERT INTO deals (owner_id, title, amount, currency, pipeline_id, stage_id, stage_entered_at, stage_deadline,
                   is_open, search, created_at, updated_at, deleted_at)
VALUES ($1, $2, 0, 'RUB', $3, $4, $5, $6, $7, $2, $5, $5, $8)
RETURNING id
