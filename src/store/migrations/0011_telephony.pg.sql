-- Telephony (issue 9, docs/telephony.md): PBXs, calls folded from their events, and the records
-- a call belongs to. Times are Unix seconds (UTC), booleans 0/1. Keep in step with
-- 0011_telephony.sqlite.sql.

-- A PBX that posts call events. secret: the key of its signatures; stored, never read back over
-- the API. department_id: the department whose head sees the PBX's calls with no user.
CREATE TABLE pbxs (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('voronka')),
    name TEXT NOT NULL,
    department_id BIGINT REFERENCES departments (id),
    secret TEXT NOT NULL,
    active BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- One call: the state telephony::Apply folded from its events (telephony/call.hpp), with what
-- ingestion derived from it. department_id: the PBX's department when the call was first seen
-- (the sight of calls with no user). callback_task_id: the call-back task of a missed call.
CREATE TABLE calls (
    id BIGSERIAL PRIMARY KEY,
    pbx_id BIGINT NOT NULL REFERENCES pbxs (id),
    pbx_call_id TEXT NOT NULL,
    direction TEXT CHECK (direction IN ('in', 'out')),
    from_number TEXT NOT NULL,
    to_number TEXT NOT NULL,
    client_key TEXT NOT NULL,
    extension TEXT NOT NULL,
    extension_answered BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    flagged_unknown_extension BIGINT NOT NULL,
    department_id BIGINT REFERENCES departments (id),
    started_at BIGINT NOT NULL,
    answered_at BIGINT,
    ended_at BIGINT,
    end_reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ringing', 'answered', 'missed', 'busy', 'failed')),
    duration_s BIGINT NOT NULL,
    talk_s BIGINT NOT NULL,
    has_recording BIGINT NOT NULL,
    callback_task_id BIGINT REFERENCES tasks (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (pbx_id, pbx_call_id)
);
-- The calls list pages newest first by (started_at, id); a user's calls likewise.
CREATE INDEX calls_by_started_at ON calls (started_at, id);
CREATE INDEX calls_user ON calls (user_id, started_at, id);
-- The call-back tasks of missed calls from a number (completed by an answered outbound call).
CREATE INDEX calls_callback ON calls (client_key) WHERE callback_task_id IS NOT NULL;

CREATE TABLE call_links (
    call_id BIGINT NOT NULL REFERENCES calls (id),
    record_type TEXT NOT NULL CHECK (record_type IN ('contact', 'company', 'deal', 'lead')),
    record_id BIGINT NOT NULL,
    PRIMARY KEY (call_id, record_type, record_id)
);
CREATE INDEX call_links_record ON call_links (record_type, record_id, call_id);
