-- The list in id order when q uses the trigram index ($5 set): driven by the FTS index.
SELECT c.id, c.owner_id, c.name, c.company_id, c.is_client, c.created_at, c.updated_at, c.deleted_at
FROM contacts_fts f
JOIN contacts c ON c.id = f.rowid
JOIN users ou ON ou.id = c.owner_id
WHERE /*@ sees(c.owner_id, ou.department_id) @*/
  AND c.deleted_at IS NULL
  AND f.rowid > $12
  AND ($4 = 0 OR c.owner_id = $4)
  AND contacts_fts MATCH '"' || replace($5, '"', '""') || '"'
  AND ($6 = '' OR instr(c.search, $6) > 0)
  AND ($7 = 0 OR /*@ contact_lacks_next_step(c) @*/)
  AND ($8 = 0 OR EXISTS (SELECT 1 FROM custom_values v
                         WHERE v.record_type = 'contact' AND v.record_id = c.id
                           AND v.field_id = $8 AND v.value = $9))
  AND ($10 = 0 OR c.company_id = $10)
ORDER BY f.rowid
LIMIT $11
