SELECT COUNT(*) FROM schema_migrations
