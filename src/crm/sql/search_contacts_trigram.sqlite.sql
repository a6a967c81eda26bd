SELECT r.id, r.name, r.owner_id
FROM contacts_fts f
JOIN contacts r ON r.id = f.rowid
JOIN users ou ON ou.id = r.owner_id
WHERE contacts_fts MATCH '"' || replace($4, '"', '""') || '"'
  AND /*@ sees(r.owner_id, ou.department_id) @*/
  AND r.deleted_at IS NULL
ORDER BY f.rowid
LIMIT $5
