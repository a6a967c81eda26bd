-- A generated lead in any state, the next-step rule's violations included
-- (tests/crm/rules_agree_test.cpp): owner, title, pipeline, stage, entered_at, deadline, is_open,
-- converted_at, deleted_at.
INSERT INTO leads (owner_id, title, amount, currency, pipeline_id, stage_id, stage_entered_at, stage_deadline,
                   is_open, converted_at, search, created_at, updated_at, deleted_at)
VALUES ($1, $2, 0, 'RUB', $3, $4, $5, $6, $7, $8, $2, $5, $5, $9)
RETURNING id
