-- A record in sight, in SQL: the twin of crm::FindVisibleRecord (crm/record_access.hpp), which
-- answers the same record with its title in C++ (over sql/task_record_*.sql). Expanded into
-- statements at embed time (cmake/embed_fragments.cmake); change both together.

-- @fragment record_title_in_sight(record_type, record_id)
-- The title of the record `record_type` ('lead', 'deal', 'contact', 'company') with `record_id`
-- (a lead's or deal's title, a contact's or company's name) when it exists, is not deleted and its
-- owner is in the scope bound as $1..$3 (auth `sees`); NULL otherwise. A scalar subquery: use it
-- as a column. The aliases in_sight_* are the fragment's own.
(SELECT in_sight.title
 FROM (SELECT in_sight_l.title, in_sight_l.owner_id FROM leads in_sight_l
       WHERE {record_type} = 'lead' AND in_sight_l.id = {record_id} AND in_sight_l.deleted_at IS NULL
       UNION ALL
       SELECT in_sight_d.title, in_sight_d.owner_id FROM deals in_sight_d
       WHERE {record_type} = 'deal' AND in_sight_d.id = {record_id} AND in_sight_d.deleted_at IS NULL
       UNION ALL
       SELECT in_sight_c.name, in_sight_c.owner_id FROM contacts in_sight_c
       WHERE {record_type} = 'contact' AND in_sight_c.id = {record_id} AND in_sight_c.deleted_at IS NULL
       UNION ALL
       SELECT in_sight_co.name, in_sight_co.owner_id FROM companies in_sight_co
       WHERE {record_type} = 'company' AND in_sight_co.id = {record_id} AND in_sight_co.deleted_at IS NULL
      ) in_sight
 JOIN users in_sight_owner ON in_sight_owner.id = in_sight.owner_id
 WHERE /*@ sees(in_sight.owner_id, in_sight_owner.department_id) @*/)
