UPDATE automation_jobs SET state = $2, finished_at = $3, claimed_until = NULL WHERE id = $1
