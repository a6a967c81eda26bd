-- Only while the runner still holds the job ($3: its claimed_until).
UPDATE automation_jobs SET next_action = $2 WHERE id = $1 AND claimed_until = $3
