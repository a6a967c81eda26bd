-- Jobs of a rule that are not finished yet.
SELECT count(*) FROM automation_jobs WHERE rule_id = $1 AND state IN ('pending', 'running')
