-- Hands every domain event to the dispatcher again, as if it had never seen them.
UPDATE domain_events SET processed_at = NULL
