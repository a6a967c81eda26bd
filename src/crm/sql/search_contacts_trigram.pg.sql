-- The first $5 visible contacts in id order whose search text holds $4 (3 characters or more).
-- Decided from the rows rather than from an estimate of how many match, as
-- contact_list_text.pg.sql explains: the matches among the first 2,048 visible contacts; if 3 or
-- more but less than $5, those among the first 20,480; and only when that gives less than $5,
-- every match after the last of those, from the trigram index.
WITH visible AS NOT MATERIALIZED (
    SELECT r.id, r.name, r.owner_id, r.search
    FROM contacts r
    JOIN users ou ON ou.id = r.owner_id
    WHERE /*@ sees(r.owner_id, ou.department_id) @*/
      AND r.deleted_at IS NULL
), head AS MATERIALIZED (
    SELECT h.id, h.name, h.owner_id
    FROM (SELECT v.* FROM visible v ORDER BY v.id LIMIT 2048) h
    WHERE strpos(h.search, $4) > 0
    ORDER BY h.id
    LIMIT $5
), probe AS MATERIALIZED (
    SELECT count(*) >= 3 AND count(*) < $5 AS long_walk FROM head
), near AS MATERIALIZED (
    SELECT * FROM head WHERE NOT (SELECT long_walk FROM probe)
    UNION ALL
    (SELECT w.id, w.name, w.owner_id
     FROM (SELECT v.* FROM visible v ORDER BY v.id LIMIT 20480) w
     WHERE (SELECT long_walk FROM probe)
       AND strpos(w.search, $4) > 0
     ORDER BY w.id
     LIMIT $5)
), matches AS MATERIALIZED (
    -- Every match, only when near holds less than $5. Materialized, so that no id bound can be
    -- pushed into the scan: the trigram index finds all of a rare text at once, and no plan
    -- walks the primary key instead.
    SELECT v.id, v.name, v.owner_id
    FROM visible v
    WHERE (SELECT count(*) FROM near) < $5
      AND v.search LIKE '%' || replace(replace(replace($4, '\', '\\'), '%', '\%'), '_', '\_') || '%'
), far AS MATERIALIZED (
    -- The matches after near's last: when near is short it holds every match of its walk, so
    -- nothing is missed or repeated, and the walk is not taken a second time to find its end.
    SELECT m.* FROM matches m WHERE m.id > COALESCE((SELECT max(n.id) FROM near n), 0)
)
SELECT * FROM near
UNION ALL
SELECT * FROM far
ORDER BY 1
LIMIT $5
