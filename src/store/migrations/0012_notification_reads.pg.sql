-- Issue 8: reading a notification tells the reader's other tabs. Each read (a notification's
-- read_at set, once) appends a row here in the same transaction; the live feed
-- (automation/live_feed.hpp) reads them by id, as it reads notes and notifications, so every
-- instance of the server hears reads made by any other. One row per notification at most.
CREATE TABLE notification_reads (
    id BIGSERIAL PRIMARY KEY,
    notification_id BIGINT NOT NULL REFERENCES notifications (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    at BIGINT NOT NULL
);
