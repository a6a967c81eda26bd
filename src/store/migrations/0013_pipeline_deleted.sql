-- Issue 8: a pipeline is deleted softly (DELETE /api/v1/pipelines/{id}): it stays for the records
-- deleted before it and for their stage moves, and reads skip it (crm/sql/pipeline_*.sql,
-- automation/sql/rule_pipeline_type.sql, rule_stage_of.sql).
ALTER TABLE pipelines ADD COLUMN deleted_at BIGINT;
