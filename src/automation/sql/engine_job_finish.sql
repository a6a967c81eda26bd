-- Only while the runner still holds the job ($4: its claimed_until).
UPDATE automation_jobs SET state = $2, finished_at = $3, claimed_until = NULL WHERE id = $1 AND claimed_until = $4
