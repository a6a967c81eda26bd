-- Per stage and currency of a deal pipeline: visible, not deleted records, their count and amount.
-- $4 pipeline_id, $5 owner_id (0: any). The amount comes in two parts, billions and the rest,
-- so that no sum overflows (SQLite's sum() fails on overflow); BoardTotal of core/money.hpp
-- joins them.
SELECT l.stage_id, l.currency, count(*), sum(l.amount / 1000000000), sum(l.amount % 1000000000)
FROM deals l
JOIN users u ON u.id = l.owner_id
WHERE /*@ sees(l.owner_id, u.department_id) @*/
  AND l.pipeline_id = $4 AND l.deleted_at IS NULL
  AND ($5 = 0 OR l.owner_id = $5)
GROUP BY l.stage_id, l.currency
