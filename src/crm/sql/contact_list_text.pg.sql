-- The list in id order when q uses the trigram index ($5 set, never empty here): the first $11
-- contacts after the cursor $12 that pass every filter and hold $5 (and $6).
-- One `ORDER BY id LIMIT` over the trigram condition is planned from an estimate of how many
-- rows match, and a wrong one costs either a walk of most of the table (rare text) or fetching
-- and sorting every match (frequent text). So the statement decides from the rows themselves:
--   head   the first matches among the first 2,048 rows after the cursor that pass the other
--          filters, walked in id order (it stops at a page);
--   probe  whether to walk on: when head holds 3 or more matches but less than a page, the text
--          is frequent enough to have its page among the first 20,480 rows;
--   near   head, or the first matches of that longer walk;
--   far    only when near holds less than a page: every match after near's last, from the
--          trigram index (the text is rare there).
-- `visible` is inlined into each use. Same rows and order as contact_list_text.sqlite.sql.
WITH visible AS NOT MATERIALIZED (
    SELECT c.id, c.owner_id, c.name, c.company_id, c.is_client, c.created_at, c.updated_at, c.deleted_at, c.search
    FROM contacts c
    JOIN users ou ON ou.id = c.owner_id
    WHERE /*@ sees(c.owner_id, ou.department_id) @*/
      AND c.deleted_at IS NULL
      AND c.id > $12
      AND ($4 = 0 OR c.owner_id = $4)
      AND ($7 = 0 OR /*@ contact_lacks_next_step(c) @*/)
      AND ($8 = 0 OR EXISTS (SELECT 1 FROM custom_values v
                             WHERE v.record_type = 'contact' AND v.record_id = c.id
                               AND v.field_id = $8 AND v.value = $9))
      AND ($10 = 0 OR c.company_id = $10)
), head AS MATERIALIZED (
    SELECT h.id, h.owner_id, h.name, h.company_id, h.is_client, h.created_at, h.updated_at, h.deleted_at
    FROM (SELECT v.* FROM visible v ORDER BY v.id LIMIT 2048) h
    WHERE strpos(h.search, $5) > 0
      AND ($6 = '' OR strpos(h.search, $6) > 0)
    ORDER BY h.id
    LIMIT $11
), probe AS MATERIALIZED (
    SELECT count(*) >= 3 AND count(*) < $11 AS long_walk FROM head
), near AS MATERIALIZED (
    SELECT * FROM head WHERE NOT (SELECT long_walk FROM probe)
    UNION ALL
    (SELECT w.id, w.owner_id, w.name, w.company_id, w.is_client, w.created_at, w.updated_at, w.deleted_at
     FROM (SELECT v.* FROM visible v ORDER BY v.id LIMIT 20480) w
     WHERE (SELECT long_walk FROM probe)
       AND strpos(w.search, $5) > 0
       AND ($6 = '' OR strpos(w.search, $6) > 0)
     ORDER BY w.id
     LIMIT $11)
), walk_end AS MATERIALIZED (
    -- Where far starts: after the last match of near (after the cursor when near is empty). When
    -- near is short it holds every match of its walk, so nothing is missed or repeated, and the
    -- walk is not taken a second time to find its end.
    SELECT COALESCE((SELECT max(n.id) FROM near n), $12) AS id
), far AS MATERIALIZED (
    -- Every match after the walk, only when near holds less than a page. Unordered on purpose:
    -- the text is rare after the walk, so the trigram index finds all of it at once, and no
    -- plan can walk the primary key instead. Joining walk_end (not comparing with a subquery)
    -- keeps the check of near above the scan, so nothing is read when near is full.
    SELECT v.id, v.owner_id, v.name, v.company_id, v.is_client, v.created_at, v.updated_at, v.deleted_at
    FROM walk_end e
    JOIN visible v ON v.id > e.id
    WHERE (SELECT count(*) FROM near) < $11
      AND v.search LIKE '%' || replace(replace(replace($5, '\', '\\'), '%', '\%'), '_', '\_') || '%'
      AND ($6 = '' OR strpos(v.search, $6) > 0)
)
SELECT * FROM near
UNION ALL
SELECT * FROM far
ORDER BY 1
LIMIT $11
