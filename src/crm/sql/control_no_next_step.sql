-- The next-step rule's violations the scope may see (crm/rules.hpp NeedsNextStep, stated for SQL
-- in crm/rules.fragments.sql): type, id, title, owner id, owner name, and how many violations of
-- that owner and type there are in all. $4 keeps the first $4 records (by id) of each owner and
-- type; 0 keeps all.
SELECT w.record_type, w.id, w.title, w.owner_id, w.owner_name, w.of_type
FROM (SELECT v.record_type, v.id, v.title, v.owner_id, v.owner_name,
             ROW_NUMBER() OVER (PARTITION BY v.owner_id, v.record_type ORDER BY v.id) AS nth,
             COUNT(*) OVER (PARTITION BY v.owner_id, v.record_type) AS of_type
      FROM (SELECT 'lead' AS record_type, r.id, r.title AS title, r.owner_id, ou.name AS owner_name
            FROM leads r
            JOIN users ou ON ou.id = r.owner_id
            WHERE /*@ lead_lacks_next_step(r) @*/
              AND /*@ sees(r.owner_id, ou.department_id) @*/
            UNION ALL
            SELECT 'deal', r.id, r.title, r.owner_id, ou.name
            FROM deals r
            JOIN users ou ON ou.id = r.owner_id
            WHERE /*@ deal_lacks_next_step(r) @*/
              AND /*@ sees(r.owner_id, ou.department_id) @*/
            UNION ALL
            SELECT 'contact', r.id, r.name, r.owner_id, ou.name
            FROM contacts r
            JOIN users ou ON ou.id = r.owner_id
            WHERE /*@ contact_lacks_next_step(r) @*/
              AND /*@ sees(r.owner_id, ou.department_id) @*/) v) w
WHERE $4 = 0 OR w.nth <= $4
ORDER BY w.owner_id, w.record_type, w.id
