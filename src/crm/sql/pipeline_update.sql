UPDATE pipelines SET name = $2, is_default = $3, updated_at = $4, department_id = $5 WHERE id = $1
