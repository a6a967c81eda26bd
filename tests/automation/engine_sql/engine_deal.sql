-- A deal's place in its pipeline.
SELECT stage_id, stage_entered_at, stage_deadline
FROM deals
WHERE id = $1
