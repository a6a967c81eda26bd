-- Sales core: pipelines and stages, companies, contacts, leads, deals, their phones and e-mails,
-- tasks, notes, stage moves, field history and custom fields. Times are Unix seconds (UTC),
-- durations seconds, money integer minor units, booleans 0/1. `search` columns hold the folded
-- text of a record (core/search.hpp) and are indexed with FTS5 trigram here, pg_trgm on
-- PostgreSQL. Keep in step with 0002_sales_core.pg.sql.
CREATE TABLE pipelines (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    record_type TEXT NOT NULL CHECK (record_type IN ('lead', 'deal')),
    is_default INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE stages (
    id INTEGER PRIMARY KEY,
    pipeline_id INTEGER NOT NULL REFERENCES pipelines (id),
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
    max_duration INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER  -- a deleted stage stays for the stage moves that name it
);
CREATE INDEX stages_pipeline ON stages (pipeline_id, position);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    inn TEXT,
    address TEXT,
    search TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX companies_owner ON companies (owner_id, id);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    company_id INTEGER REFERENCES companies (id),
    is_client INTEGER NOT NULL DEFAULT 0,
    search TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX contacts_owner ON contacts (owner_id, id);
CREATE INDEX contacts_company ON contacts (company_id);
-- Client contacts by owner, for the no-next-step control (crm/sql/control_no_next_step.sql).
CREATE INDEX contacts_clients ON contacts (owner_id, id, name) WHERE is_client = 1 AND deleted_at IS NULL;

CREATE TABLE deals (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    contact_id INTEGER REFERENCES contacts (id),
    company_id INTEGER REFERENCES companies (id),
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    pipeline_id INTEGER NOT NULL REFERENCES pipelines (id),
    stage_id INTEGER NOT NULL REFERENCES stages (id),
    stage_entered_at INTEGER NOT NULL,
    stage_deadline INTEGER,
    is_open INTEGER NOT NULL,
    expected_close_on TEXT,
    lost_reason TEXT,
    search TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX deals_owner ON deals (owner_id, id);
CREATE INDEX deals_stage ON deals (stage_id, id);
CREATE INDEX deals_contact ON deals (contact_id);
-- Board totals per stage and currency, read from the index alone.
CREATE INDEX deals_board ON deals (pipeline_id, stage_id, currency, owner_id, amount) WHERE deleted_at IS NULL;
CREATE INDEX deals_open_deadline ON deals (stage_deadline) WHERE is_open = 1 AND deleted_at IS NULL;
-- Open deals by owner, for the no-next-step control.
CREATE INDEX deals_open_owner ON deals (owner_id, id, title) WHERE is_open = 1 AND deleted_at IS NULL;

CREATE TABLE leads (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    source TEXT,
    person_name TEXT,
    company_name TEXT,
    contact_id INTEGER REFERENCES contacts (id),
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    pipeline_id INTEGER NOT NULL REFERENCES pipelines (id),
    stage_id INTEGER NOT NULL REFERENCES stages (id),
    stage_entered_at INTEGER NOT NULL,
    stage_deadline INTEGER,
    is_open INTEGER NOT NULL,
    converted_at INTEGER,
    lost_reason TEXT,
    deal_id INTEGER REFERENCES deals (id),
    search TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX leads_owner ON leads (owner_id, id);
CREATE INDEX leads_stage ON leads (stage_id, id);
CREATE INDEX leads_board ON leads (pipeline_id, stage_id, currency, owner_id, amount) WHERE deleted_at IS NULL;
CREATE INDEX leads_open_deadline ON leads (stage_deadline) WHERE is_open = 1 AND deleted_at IS NULL;
-- Open leads by owner, for the no-next-step control.
CREATE INDEX leads_open_owner ON leads (owner_id, id, title) WHERE is_open = 1 AND deleted_at IS NULL;
-- A converted lead by its deal: the deal's timeline shows the lead's past.
CREATE INDEX leads_deal ON leads (deal_id);

-- Phones (key: the digits of E.164) and e-mails (key: folded) of companies, contacts and leads.
CREATE TABLE contact_points (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL CHECK (record_type IN ('company', 'contact', 'lead')),
    record_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('phone', 'email')),
    value TEXT NOT NULL,
    key TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX contact_points_record ON contact_points (record_type, record_id);
CREATE INDEX contact_points_key ON contact_points (kind, key);

-- owner_id is the owner of the record the task belongs to (kept in step with it), so that the
-- visibility rule applies to tasks without joining four tables.
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL CHECK (record_type IN ('lead', 'deal', 'contact', 'company')),
    record_id INTEGER NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'todo')),
    subject TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    location TEXT,
    assignee_id INTEGER REFERENCES users (id),
    department_id INTEGER REFERENCES departments (id),
    done_at INTEGER,
    result TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX tasks_record_open ON tasks (record_type, record_id) WHERE done_at IS NULL AND deleted_at IS NULL;
CREATE INDEX tasks_assignee ON tasks (assignee_id, due_at);
CREATE INDEX tasks_owner ON tasks (owner_id, id);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    author_id INTEGER REFERENCES users (id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX notes_record ON notes (record_type, record_id, id);

CREATE TABLE stage_moves (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL CHECK (record_type IN ('lead', 'deal')),
    record_id INTEGER NOT NULL,
    pipeline_id INTEGER NOT NULL REFERENCES pipelines (id),
    from_stage_id INTEGER REFERENCES stages (id),
    to_stage_id INTEGER NOT NULL REFERENCES stages (id),
    at INTEGER NOT NULL,
    by_user_id INTEGER REFERENCES users (id),
    seconds_in_from INTEGER
);
CREATE INDEX stage_moves_record ON stage_moves (record_type, record_id, id);

CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    by_user_id INTEGER REFERENCES users (id),
    at INTEGER NOT NULL
);
CREATE INDEX history_record ON history (record_type, record_id, id);

CREATE TABLE custom_fields (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL CHECK (record_type IN ('lead', 'deal', 'contact', 'company')),
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('string', 'number', 'money', 'date', 'bool', 'enum')),
    options TEXT,
    required INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (record_type, name)
);

CREATE TABLE custom_values (
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    field_id INTEGER NOT NULL REFERENCES custom_fields (id),
    value TEXT NOT NULL,
    PRIMARY KEY (record_type, record_id, field_id)
);
CREATE INDEX custom_values_field ON custom_values (field_id, value);

CREATE VIRTUAL TABLE companies_fts USING fts5 (search, content = 'companies', content_rowid = 'id', tokenize = 'trigram case_sensitive 1');
CREATE VIRTUAL TABLE contacts_fts USING fts5 (search, content = 'contacts', content_rowid = 'id', tokenize = 'trigram case_sensitive 1');
CREATE VIRTUAL TABLE leads_fts USING fts5 (search, content = 'leads', content_rowid = 'id', tokenize = 'trigram case_sensitive 1');
CREATE VIRTUAL TABLE deals_fts USING fts5 (search, content = 'deals', content_rowid = 'id', tokenize = 'trigram case_sensitive 1');

CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN
    INSERT INTO companies_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER companies_fts_update AFTER UPDATE OF search ON companies BEGIN
    INSERT INTO companies_fts (companies_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO companies_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO contacts_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads BEGIN
    INSERT INTO leads_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER leads_fts_update AFTER UPDATE OF search ON leads BEGIN
    INSERT INTO leads_fts (leads_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO leads_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER deals_fts_insert AFTER INSERT ON deals BEGIN
    INSERT INTO deals_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER deals_fts_update AFTER UPDATE OF search ON deals BEGIN
    INSERT INTO deals_fts (deals_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO deals_fts (rowid, search) VALUES (new.id, new.search);
END;
