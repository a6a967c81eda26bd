-- Issue 3 speed-ups on PostgreSQL; 0004_search_speed.sqlite.sql is empty (SQLite needs none).
--
-- board_totals: the count and the amount of the not deleted leads and deals of each pipeline,
-- stage, currency and owner, kept by the triggers below in the transaction of every insert,
-- update and delete of a lead or deal, so that a board reads a few dozen rows
-- (crm/sql/board_*_totals.pg.sql) instead of counting every record of the pipeline. A row whose
-- records fall to 0 stays; readers skip it. Lead and deal pipelines have distinct ids, so one
-- table serves both. Bypassed only by TRUNCATE (no row triggers): rebuild it after one.
CREATE TABLE board_totals (
    pipeline_id BIGINT NOT NULL,
    stage_id BIGINT NOT NULL,
    currency TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    records BIGINT NOT NULL,
    amount NUMERIC NOT NULL,
    PRIMARY KEY (pipeline_id, stage_id, currency, owner_id)
);

-- Adds records and amount (negative to remove) to one group.
CREATE FUNCTION board_totals_add(p_pipeline BIGINT, p_stage BIGINT, p_currency TEXT, p_owner BIGINT,
                                 p_records BIGINT, p_amount BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO board_totals AS t (pipeline_id, stage_id, currency, owner_id, records, amount)
    VALUES (p_pipeline, p_stage, p_currency, p_owner, p_records, p_amount)
    ON CONFLICT (pipeline_id, stage_id, currency, owner_id)
    DO UPDATE SET records = t.records + EXCLUDED.records, amount = t.amount + EXCLUDED.amount;
$$;

-- AFTER row trigger of leads and deals. An update that changes the group touches the two groups
-- in key order, so that two opposite moves cannot deadlock on each other.
CREATE FUNCTION board_totals_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.deleted_at IS NULL THEN
            PERFORM board_totals_add(NEW.pipeline_id, NEW.stage_id, NEW.currency, NEW.owner_id, 1, NEW.amount);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.deleted_at IS NULL THEN
            PERFORM board_totals_add(OLD.pipeline_id, OLD.stage_id, OLD.currency, OLD.owner_id, -1, -OLD.amount);
        END IF;
    ELSIF (OLD.pipeline_id, OLD.stage_id, OLD.currency, OLD.owner_id)
          <= (NEW.pipeline_id, NEW.stage_id, NEW.currency, NEW.owner_id) THEN
        IF OLD.deleted_at IS NULL THEN
            PERFORM board_totals_add(OLD.pipeline_id, OLD.stage_id, OLD.currency, OLD.owner_id, -1, -OLD.amount);
        END IF;
        IF NEW.deleted_at IS NULL THEN
            PERFORM board_totals_add(NEW.pipeline_id, NEW.stage_id, NEW.currency, NEW.owner_id, 1, NEW.amount);
        END IF;
    ELSE
        IF NEW.deleted_at IS NULL THEN
            PERFORM board_totals_add(NEW.pipeline_id, NEW.stage_id, NEW.currency, NEW.owner_id, 1, NEW.amount);
        END IF;
        IF OLD.deleted_at IS NULL THEN
            PERFORM board_totals_add(OLD.pipeline_id, OLD.stage_id, OLD.currency, OLD.owner_id, -1, -OLD.amount);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER deals_board_totals_insert_delete AFTER INSERT OR DELETE ON deals
    FOR EACH ROW EXECUTE FUNCTION board_totals_track();
CREATE TRIGGER deals_board_totals_update AFTER UPDATE ON deals FOR EACH ROW
    WHEN ((OLD.pipeline_id, OLD.stage_id, OLD.currency, OLD.owner_id, OLD.amount, OLD.deleted_at IS NULL)
          IS DISTINCT FROM (NEW.pipeline_id, NEW.stage_id, NEW.currency, NEW.owner_id, NEW.amount, NEW.deleted_at IS NULL))
    EXECUTE FUNCTION board_totals_track();
CREATE TRIGGER leads_board_totals_insert_delete AFTER INSERT OR DELETE ON leads
    FOR EACH ROW EXECUTE FUNCTION board_totals_track();
CREATE TRIGGER leads_board_totals_update AFTER UPDATE ON leads FOR EACH ROW
    WHEN ((OLD.pipeline_id, OLD.stage_id, OLD.currency, OLD.owner_id, OLD.amount, OLD.deleted_at IS NULL)
          IS DISTINCT FROM (NEW.pipeline_id, NEW.stage_id, NEW.currency, NEW.owner_id, NEW.amount, NEW.deleted_at IS NULL))
    EXECUTE FUNCTION board_totals_track();

-- The records that exist already (the migration runs in one transaction with the triggers).
INSERT INTO board_totals (pipeline_id, stage_id, currency, owner_id, records, amount)
SELECT pipeline_id, stage_id, currency, owner_id, count(*), sum(amount)
FROM (SELECT pipeline_id, stage_id, currency, owner_id, amount FROM deals WHERE deleted_at IS NULL
      UNION ALL
      SELECT pipeline_id, stage_id, currency, owner_id, amount FROM leads WHERE deleted_at IS NULL) r
GROUP BY pipeline_id, stage_id, currency, owner_id;
