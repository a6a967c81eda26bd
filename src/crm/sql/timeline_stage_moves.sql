SELECT m.id, m.record_type, m.record_id, m.pipeline_id, m.from_stage_id, m.to_stage_id, m.at,
       m.by_user_id, m.seconds_in_from
FROM stage_moves m
WHERE ((m.record_type = $1 AND m.record_id = $2) OR (m.record_type = 'lead' AND m.record_id = $3))
  AND (m.at < $4 OR (m.at = $4 AND m.id < $5))
ORDER BY m.at DESC, m.id DESC
LIMIT $6
