SELECT id, name, enabled, record_type, trigger_type, pipeline_id, stage_id, definition, delay_seconds,
       enabled_at, department_id, created_by, created_at, updated_at, deleted_at
FROM automation_rules
ORDER BY id
