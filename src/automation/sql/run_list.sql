-- A rule's run log as a reader sees it: only runs on records the reader may see now, through the
-- record's current owner (the scope's predicate, store/scope.hpp); runs of a deleted record keep
-- their owner as long as the row exists; runs on a record gone altogether are an admin's to see.
SELECT r.id, r.rule_id, r.job_id, r.record_type, r.record_id, r.at, r.outcome, r.detail, r.actions
FROM automation_runs r
LEFT JOIN users ou ON ou.id =
    CASE r.record_type
        WHEN 'deal' THEN (SELECT x.owner_id FROM deals x WHERE x.id = r.record_id)
        WHEN 'lead' THEN (SELECT x.owner_id FROM leads x WHERE x.id = r.record_id)
        WHEN 'contact' THEN (SELECT x.owner_id FROM contacts x WHERE x.id = r.record_id)
        WHEN 'company' THEN (SELECT x.owner_id FROM companies x WHERE x.id = r.record_id)
    END
WHERE /*@ sees(ou.id, ou.department_id) @*/
  AND r.rule_id = $4 AND ($5 = 0 OR r.id < $5)
ORDER BY r.id DESC
LIMIT $6
