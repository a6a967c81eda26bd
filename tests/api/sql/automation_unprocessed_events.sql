SELECT count(*) FROM domain_events WHERE processed_at IS NULL
