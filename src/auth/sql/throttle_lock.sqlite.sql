-- No FOR UPDATE in SQLite: write transactions are serialised by the one writer connection.
SELECT failures, window_started_at, blocked_until FROM sign_in_throttle WHERE key = $1
