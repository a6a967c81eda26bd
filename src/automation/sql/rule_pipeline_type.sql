SELECT record_type FROM pipelines WHERE id = $1 AND deleted_at IS NULL
