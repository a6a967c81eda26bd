INSERT INTO stage_moves (record_type, record_id, pipeline_id, from_stage_id, to_stage_id, at, by_user_id,
                         seconds_in_from)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING id
