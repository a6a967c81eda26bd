SELECT type FROM custom_fields WHERE record_type = $1 AND name = $2
