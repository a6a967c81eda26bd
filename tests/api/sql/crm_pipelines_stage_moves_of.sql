SELECT from_stage_id, to_stage_id, seconds_in_from, by_user_id
FROM stage_moves
WHERE record_type = $1 AND record_id = $2
ORDER BY id
