-- The companies list in every order of its closed set, generated into one statement per order
-- and direction (cmake/Embed.cmake). Parameters: $1..$3 scope; $4 owner_id (0: any); $5 trigram
-- and $6 short query (crm/text_query.hpp); $7 no_next_step (1); $8 custom field id (0: none) and
-- $9 its value; $10 limit; after a cursor, its key at $11 and id at $12 (its id alone at $11 when
-- the order is by id). Keep the parameters in step with company_service.cpp, company_list_text and the other dialect.
-- @sort c.id c.name c.updated_at
-- @after $11
SELECT c.id, c.owner_id, c.name, c.inn, c.address, c.created_at, c.updated_at, c.deleted_at
FROM companies c
JOIN users ou ON ou.id = c.owner_id
WHERE /*@ sees(c.owner_id, ou.department_id) @*/
  AND c.deleted_at IS NULL
  AND {{after}}
  AND ($4 = 0 OR c.owner_id = $4)
  AND ($5 = '' OR c.id IN (SELECT rowid FROM companies_fts
                                  WHERE companies_fts MATCH '"' || replace($5, '"', '""') || '"'))
  AND ($6 = '' OR instr(c.search, $6) > 0)
  AND ($7 = 0 OR /*@ company_lacks_next_step(c) @*/)
  AND ($8 = 0 OR EXISTS (SELECT 1 FROM custom_values v
                         WHERE v.record_type = 'company' AND v.record_id = c.id
                           AND v.field_id = $8 AND v.value = $9))
ORDER BY {{order}}
LIMIT $10
