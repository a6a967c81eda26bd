UPDATE automation_jobs SET next_action = $2 WHERE id = $1
