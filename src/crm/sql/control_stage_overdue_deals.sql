-- Open, not deleted, visible deals past their stage deadline at $4: the first $5 of each owner
-- (by deadline), with the owner's name and the owner's count of them. Columns as deal_get.sql,
-- then owner_name, overdue_count, and place (the C++ skips it: only the WHERE needs it).
SELECT x.*
FROM (SELECT l.id, l.owner_id, l.title, l.contact_id, l.company_id, l.amount, l.currency, l.pipeline_id, l.stage_id,
           l.stage_entered_at, l.stage_deadline, l.is_open, l.expected_close_on, l.lost_reason, l.created_at,
           l.updated_at, l.deleted_at,
           u.name AS owner_name,
           count(*) OVER (PARTITION BY l.owner_id) AS overdue_count,
           row_number() OVER (PARTITION BY l.owner_id ORDER BY l.stage_deadline, l.id) AS place
      FROM deals l
      JOIN users u ON u.id = l.owner_id
     WHERE /*@ sees(l.owner_id, u.department_id) @*/
       AND /*@ stage_overdue(l, $4) @*/ AND l.deleted_at IS NULL) x
WHERE x.place <= $5
ORDER BY x.owner_id, x.place
