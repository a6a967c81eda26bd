UPDATE leads SET stage_entered_at = stage_entered_at - $2, stage_deadline = stage_deadline - $2 WHERE id = $1
