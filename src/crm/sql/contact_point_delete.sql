DELETE FROM contact_points WHERE record_type = $1 AND record_id = $2
