-- The contacts list in every order of its closed set, generated into one statement per order
-- and direction (cmake/Embed.cmake). Parameters: $1..$3 scope; $4 owner_id (0: any); $5 trigram
-- and $6 short query (crm/text_query.hpp); $7 no_next_step (1); $8 custom field id (0: none) and
-- $9 its value; $10 company_id (0: any); $11 limit; after a cursor, its key at $12 and id at $13
-- (its id alone at $12 when the order is by id). Keep the parameters in step with contact_service.cpp, contact_list_text and the other dialect.
-- @sort c.id c.name c.updated_at
-- @after $12
SELECT c.id, c.owner_id, c.name, c.company_id, c.is_client, c.created_at, c.updated_at, c.deleted_at
FROM contacts c
JOIN users ou ON ou.id = c.owner_id
WHERE /*@ sees(c.owner_id, ou.department_id) @*/
  AND c.deleted_at IS NULL
  AND {{after}}
  AND ($4 = 0 OR c.owner_id = $4)
  AND ($5 = '' OR c.search LIKE '%' || replace(replace(replace($5, '\', '\\'), '%', '\%'), '_', '\_') || '%')
  AND ($6 = '' OR strpos(c.search, $6) > 0)
  AND ($7 = 0 OR /*@ contact_lacks_next_step(c) @*/)
  AND ($8 = 0 OR EXISTS (SELECT 1 FROM custom_values v
                         WHERE v.record_type = 'contact' AND v.record_id = c.id
                           AND v.field_id = $8 AND v.value = $9))
  AND ($10 = 0 OR c.company_id = $10)
ORDER BY {{order}}
LIMIT $11
