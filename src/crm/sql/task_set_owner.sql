UPDATE tasks SET owner_id = $3 WHERE record_type = $1 AND record_id = $2 AND owner_id <> $3
