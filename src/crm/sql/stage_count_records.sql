SELECT (SELECT count(*) FROM leads WHERE stage_id = $1 AND deleted_at IS NULL)
     + (SELECT count(*) FROM deals WHERE stage_id = $1 AND deleted_at IS NULL)
