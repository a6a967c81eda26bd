SELECT record_type FROM pipelines WHERE id = $1
