-- How many domain events the dispatcher has not handled yet.
SELECT COUNT(*) FROM domain_events WHERE processed_at IS NULL
