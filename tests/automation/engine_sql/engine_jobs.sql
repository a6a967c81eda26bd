-- Every job of the automation engine, oldest first.
SELECT id, kind, rule_id, record_type, record_id, occurrence, due_at, depth, state
FROM automation_jobs
ORDER BY id
