-- A job once per (kind, rule, record, occurrence): a second firing of the same occurrence is a no-op.
INSERT INTO automation_jobs (kind, rule_id, record_type, record_id, occurrence, due_at, depth, event_id, guard,
                             created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT DO NOTHING
