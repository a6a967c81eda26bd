DELETE FROM custom_values WHERE record_type = $1 AND record_id = $2 AND field_id = $3
