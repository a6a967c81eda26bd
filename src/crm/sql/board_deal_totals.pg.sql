-- Per stage and currency of a deal pipeline: visible, not deleted records, their count and amount.
-- $4 pipeline_id, $5 owner_id (0: any). From board_totals, which triggers keep (migration 0004);
-- the amount in two parts like board_deal_totals.sqlite.sql (the NUMERIC sum itself cannot overflow);
-- the same rows and values as counting the deals (board_deal_totals.sqlite.sql).
SELECT t.stage_id, t.currency, CAST(sum(t.records) AS BIGINT),
       CAST(div(sum(t.amount), 1000000000) AS BIGINT), CAST(mod(sum(t.amount), 1000000000) AS BIGINT)
FROM board_totals t
JOIN users u ON u.id = t.owner_id
WHERE /*@ sees(t.owner_id, u.department_id) @*/
  AND t.pipeline_id = $4
  AND ($5 = 0 OR t.owner_id = $5)
GROUP BY t.stage_id, t.currency
HAVING sum(t.records) > 0
