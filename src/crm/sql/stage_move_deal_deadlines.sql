UPDATE deals
SET stage_deadline = CASE WHEN $2 = 1 THEN stage_entered_at + $3 ELSE NULL END
WHERE stage_id = $1
