INSERT INTO automation_rules (name, enabled, record_type, trigger_type, pipeline_id, stage_id, definition,
                              delay_seconds, enabled_at, department_id, created_by, author_id, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $12)
RETURNING id
