INSERT INTO automation_runs (rule_id, job_id, record_type, record_id, at, outcome, detail, actions)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING id
