-- SQLite has no server sessions.
SELECT 0
