-- The whole run log, oldest first.
SELECT id, rule_id, job_id, record_type, record_id, at, outcome, detail, actions
FROM automation_runs
ORDER BY id
