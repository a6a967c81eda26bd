UPDATE pipelines SET is_default = 0, updated_at = $2 WHERE record_type = $1 AND is_default = 1
