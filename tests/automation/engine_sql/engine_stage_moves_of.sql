-- The stage moves of a deal, oldest first (the first one, from no stage, is its creation).
SELECT id, from_stage_id, to_stage_id, at, by_user_id
FROM stage_moves
WHERE record_type = 'deal' AND record_id = $1
ORDER BY id
