SELECT id, rule_id, guard FROM automation_jobs
WHERE record_type = $1 AND record_id = $2 AND state = 'pending'
ORDER BY id
