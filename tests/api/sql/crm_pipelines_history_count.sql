SELECT count(*) FROM history WHERE record_type = $1 AND record_id = $2 AND field = $3
