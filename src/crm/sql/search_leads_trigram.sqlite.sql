SELECT r.id, r.title, r.owner_id
FROM leads_fts f
JOIN leads r ON r.id = f.rowid
JOIN users ou ON ou.id = r.owner_id
WHERE leads_fts MATCH '"' || replace($4, '"', '""') || '"'
  AND /*@ sees(r.owner_id, ou.department_id) @*/
  AND r.deleted_at IS NULL
ORDER BY f.rowid
LIMIT $5
