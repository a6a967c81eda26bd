-- The next-step rule's violations the scope may see (crm/rules.hpp NeedsNextStep, stated for SQL
-- in crm/rules.fragments.sql): type, id, title, owner id, owner name.
SELECT 'lead', r.id, r.title, r.owner_id, ou.name
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
  AND /*@ sees(r.owner_id, ou.department_id) @*/
ORDER BY 4, 1, 2
