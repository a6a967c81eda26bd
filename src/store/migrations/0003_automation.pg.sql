-- Automation and messaging: domain events, message templates, rules, durable jobs and their run
-- log, the outbox of messages and webhooks, in-app notifications. Times are Unix seconds (UTC),
-- booleans 0/1, JSON kept as TEXT. Keep in step with 0003_automation.sqlite.sql.

-- Written by crm in the transaction of the change that caused it; read in id order by the
-- automation dispatcher, which sets processed_at in the transaction that writes the jobs.
-- kind: record_created, record_changed, stage_entered, task_changed. depth: how many automation
-- actions led to this change (0: a person or an integration).
CREATE TABLE domain_events (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    data TEXT NOT NULL,
    depth INTEGER NOT NULL DEFAULT 0,
    by_user_id BIGINT,
    at BIGINT NOT NULL,
    processed_at BIGINT
);
CREATE INDEX domain_events_pending ON domain_events (id) WHERE processed_at IS NULL;

CREATE TABLE message_templates (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('sms', 'email')),
    name TEXT NOT NULL,
    subject TEXT,
    body TEXT NOT NULL,
    html TEXT,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);

-- definition: the rule's JSON as saved (trigger, conditions, actions, delay); the columns beside it
-- are what the dispatcher selects on. enabled_at: when the rule was last enabled; events before it
-- do not fire the rule. revision: +1 on every change, so that a cache of rules can tell it is stale.
CREATE TABLE automation_rules (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    record_type TEXT NOT NULL CHECK (record_type IN ('lead', 'deal', 'contact', 'company')),
    trigger_type TEXT NOT NULL,
    pipeline_id BIGINT REFERENCES pipelines (id),
    stage_id BIGINT REFERENCES stages (id),
    definition TEXT NOT NULL,
    delay_seconds BIGINT NOT NULL DEFAULT 0,
    enabled_at BIGINT,
    department_id BIGINT REFERENCES departments (id),
    revision INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX automation_rules_trigger ON automation_rules (record_type, trigger_type)
    WHERE enabled = 1 AND deleted_at IS NULL;

-- One job per rule, record and occurrence (automation_jobs_once makes firing exactly once). kind
-- 'rule' runs a rule's actions; 'queue_overdue' notifies about an overdue department-queue task.
-- guard: JSON of what must still hold when the job is due (the stage it was entered for, the
-- due time of the task); a job whose guard no longer holds is cancelled. next_action: the index of
-- the first action not yet done. state: pending -> running -> done | cancelled | failed.
-- claimed_until: the lease of the runner; its progress is written only while it still holds it.
CREATE TABLE automation_jobs (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    rule_id BIGINT REFERENCES automation_rules (id),
    record_type TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    occurrence TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    depth INTEGER NOT NULL DEFAULT 0,
    event_id BIGINT,
    guard TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL DEFAULT 'pending',
    next_action INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_until BIGINT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
-- rule_id is NULL for built-in kinds; NULLs are distinct in a UNIQUE constraint, hence COALESCE.
CREATE UNIQUE INDEX automation_jobs_once ON automation_jobs (kind, COALESCE(rule_id, 0), record_type, record_id, occurrence);
CREATE INDEX automation_jobs_due ON automation_jobs (due_at) WHERE state IN ('pending', 'running');
CREATE INDEX automation_jobs_record ON automation_jobs (record_type, record_id) WHERE state = 'pending';

-- The run log: one row per job run (or per refused firing, such as a chain too deep). actions:
-- JSON array of {type, outcome: ok | failed | skipped, error?, message_id?, task_id?}.
CREATE TABLE automation_runs (
    id BIGSERIAL PRIMARY KEY,
    rule_id BIGINT REFERENCES automation_rules (id),
    job_id BIGINT,
    record_type TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT,
    actions TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX automation_runs_rule ON automation_runs (rule_id, id);

-- The outbox. A row is written in the transaction that decided to send it; workers deliver it.
-- state: queued -> sending -> sent | retrying | failed. owner_id: the owner of the record at the
-- time (visibility), none for messages without a record. For webhooks recipient is the URL,
-- payload the JSON body and headers a JSON object of extra headers (the signature).
-- claimed_until: the lease of a worker sending it; a `sending` row past its lease was
-- interrupted and is sent again.
CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'webhook')),
    record_type TEXT,
    record_id BIGINT,
    owner_id BIGINT REFERENCES users (id),
    rule_id BIGINT REFERENCES automation_rules (id),
    run_id BIGINT,
    template_id BIGINT REFERENCES message_templates (id),
    recipient TEXT NOT NULL,
    subject TEXT,
    body TEXT NOT NULL,
    html TEXT,
    payload TEXT,
    headers TEXT,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'retrying', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until BIGINT,
    last_error TEXT,
    provider_id TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE state IN ('queued', 'retrying');
CREATE INDEX messages_lease ON messages (claimed_until) WHERE state = 'sending';
CREATE INDEX messages_record ON messages (record_type, record_id, id);
CREATE INDEX messages_owner ON messages (owner_id, id);

-- The engine's own marks, such as how far the deadline scan has looked ('overdue_scanned_until').
CREATE TABLE automation_state (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    record_type TEXT,
    record_id BIGINT,
    rule_id BIGINT REFERENCES automation_rules (id),
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
