-- With their rule's delay and trigger, which decide whether a stage guard applies (GuardApplies).
SELECT j.id, j.rule_id, j.guard, COALESCE(r.delay_seconds, 0), COALESCE(r.trigger_type, '')
FROM automation_jobs j
LEFT JOIN automation_rules r ON r.id = j.rule_id
WHERE j.record_type = $1 AND j.record_id = $2 AND j.state = 'pending'
ORDER BY j.id
