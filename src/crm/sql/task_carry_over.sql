UPDATE tasks
SET record_type = 'deal', record_id = $2, owner_id = (SELECT d.owner_id FROM deals d WHERE d.id = $2)
WHERE record_type = 'lead' AND record_id = $1 AND /*@ task_open(tasks) @*/
RETURNING id
