UPDATE notes SET record_type = 'deal', record_id = $2 WHERE record_type = 'lead' AND record_id = $1
