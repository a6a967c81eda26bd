UPDATE automation_rules
SET name = $2, enabled = $3, record_type = $4, trigger_type = $5, pipeline_id = $6, stage_id = $7,
    definition = $8, delay_seconds = $9, enabled_at = $10, updated_at = $11, department_id = $12, author_id = $13,
    revision = revision + 1
WHERE id = $1 AND deleted_at IS NULL
