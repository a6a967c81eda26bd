SELECT r.owner_id
FROM (SELECT c.owner_id FROM companies c WHERE $4 = 'company' AND c.id = $5
      UNION ALL
      SELECT c.owner_id FROM contacts c WHERE $4 = 'contact' AND c.id = $5
      UNION ALL
      SELECT l.owner_id FROM leads l WHERE $4 = 'lead' AND l.id = $5) r
JOIN users u ON u.id = r.owner_id
WHERE /*@ sees(r.owner_id, u.department_id) @*/
