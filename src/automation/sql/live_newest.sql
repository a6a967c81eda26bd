-- The newest ids of what the live feed watches (0 when empty): where it starts.
SELECT (SELECT COALESCE(MAX(id), 0) FROM domain_events),
       (SELECT COALESCE(MAX(id), 0) FROM notes),
       (SELECT COALESCE(MAX(id), 0) FROM messages),
       (SELECT COALESCE(MAX(id), 0) FROM notifications),
       (SELECT COALESCE(MAX(id), 0) FROM notification_reads)
