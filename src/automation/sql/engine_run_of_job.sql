SELECT id, actions FROM automation_runs WHERE job_id = $1 ORDER BY id LIMIT 1
