-- A pending job whose guard no longer holds; a job already claimed is left to its runner.
UPDATE automation_jobs SET state = 'cancelled', finished_at = $2 WHERE id = $1 AND state = 'pending'
