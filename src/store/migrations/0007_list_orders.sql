-- Issue 11: every order of a sorted list is keyset-paged over an index on (key, id) of the rows
-- the lists show (deleted_at IS NULL). The id orders use the primary key. When adding an order to
-- a list statement's `-- @sort` line (src/crm/sql/*_list.*.sql), add its index here or in a later
-- migration.
CREATE INDEX companies_by_name ON companies (name, id) WHERE deleted_at IS NULL;
CREATE INDEX companies_by_updated_at ON companies (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_name ON contacts (name, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_updated_at ON contacts (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_created_at ON leads (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_updated_at ON leads (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_amount ON leads (amount, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_by_created_at ON deals (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_by_updated_at ON deals (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_by_amount ON deals (amount, id) WHERE deleted_at IS NULL;
