INSERT INTO sign_in_throttle (key, failures, window_started_at, blocked_until)
VALUES ($1, $2, $3, $4)
ON CONFLICT (key) DO UPDATE
SET failures = excluded.failures, window_started_at = excluded.window_started_at,
    blocked_until = excluded.blocked_until
