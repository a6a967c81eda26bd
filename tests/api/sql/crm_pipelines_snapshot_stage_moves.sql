SELECT * FROM stage_moves ORDER BY id
