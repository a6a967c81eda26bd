-- The deals list. Parameters: $1..$3 scope; $4 owner_id, $5 pipeline_id, $6 stage_id (0: any);
-- $7 trigram and $8 short query (crm/text_query.hpp); $9 overdue_stage (1) at $10 now;
-- $11 no_next_step (1); $12..$17 three custom filters (field id 0: none, value); $18 company_id
-- (0: any); $19 limit; after a cursor, its key at $20 and id at $21 (its id alone at $20 when the
-- order is by id). lead_list has no $18: its limit is $18, its cursor $19 and $20.
-- Generated into one statement per order and direction (cmake/Embed.cmake).
-- Keep the parameters in step with ListParams (crm/sales_record.cpp) and the other dialect.
-- @sort l.id l.created_at l.updated_at l.amount
-- @after $20
SELECT l.id, l.owner_id, l.title, l.contact_id, l.company_id, l.amount, l.currency, l.pipeline_id, l.stage_id,
       l.stage_entered_at, l.stage_deadline, l.is_open, l.expected_close_on, l.lost_reason, l.created_at,
       l.updated_at, l.deleted_at
FROM deals l
JOIN users u ON u.id = l.owner_id
WHERE /*@ sees(l.owner_id, u.department_id) @*/
  AND l.deleted_at IS NULL
  AND ($4 = 0 OR l.owner_id = $4)
  AND ($5 = 0 OR l.pipeline_id = $5)
  AND ($6 = 0 OR l.stage_id = $6)
  AND ($7 = '' OR l.search LIKE '%' || replace(replace(replace($7, '\', '\\'), '%', '\%'), '_', '\_') || '%')
  AND ($8 = '' OR strpos(l.search, $8) > 0)
  AND ($9 = 0 OR /*@ stage_overdue(l, $10) @*/)
  AND ($11 = 0 OR /*@ deal_lacks_next_step(l) @*/)
  AND ($12 = 0 OR EXISTS (SELECT 1 FROM custom_values cv WHERE cv.record_type = 'deal'
                 AND cv.record_id = l.id AND cv.field_id = $12 AND cv.value = $13))
  AND ($14 = 0 OR EXISTS (SELECT 1 FROM custom_values cv WHERE cv.record_type = 'deal'
                 AND cv.record_id = l.id AND cv.field_id = $14 AND cv.value = $15))
  AND ($16 = 0 OR EXISTS (SELECT 1 FROM custom_values cv WHERE cv.record_type = 'deal'
                 AND cv.record_id = l.id AND cv.field_id = $16 AND cv.value = $17))
  AND ($18 = 0 OR l.company_id = $18)
  AND {{after}}
ORDER BY {{order}}
LIMIT $19
