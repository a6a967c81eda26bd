SELECT id, rule_id, job_id, record_type, record_id, at, outcome, detail, actions
FROM automation_runs
WHERE rule_id = $1 AND ($2 = 0 OR id < $2)
ORDER BY id DESC
LIMIT $3
