-- What keeps pipeline $1 from being deleted: its records (leads and deals, not deleted), and the
-- automation rules (not deleted) triggered by it or by one of its stages.
SELECT (SELECT count(*) FROM leads WHERE pipeline_id = $1 AND deleted_at IS NULL)
     + (SELECT count(*) FROM deals WHERE pipeline_id = $1 AND deleted_at IS NULL),
       (SELECT count(*) FROM automation_rules r
        WHERE r.deleted_at IS NULL
          AND (r.pipeline_id = $1 OR r.stage_id IN (SELECT s.id FROM stages s WHERE s.pipeline_id = $1)))
