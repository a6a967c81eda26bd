-- Due jobs, and running jobs whose runner's lease expired.
UPDATE automation_jobs SET state = 'running', claimed_until = $2, attempts = attempts + 1
WHERE id IN (SELECT id FROM automation_jobs
             WHERE (state = 'pending' AND due_at <= $1) OR (state = 'running' AND claimed_until < $1)
             ORDER BY due_at, id
             LIMIT $3)
RETURNING id, kind, rule_id, record_type, record_id, occurrence, due_at, depth, guard, next_action, attempts,
          claimed_until
