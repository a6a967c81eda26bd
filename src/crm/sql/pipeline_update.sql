UPDATE pipelines SET name = $2, is_default = $3, updated_at = $4 WHERE id = $1
