INSERT INTO sign_in_throttle (key, failures, window_started_at, blocked_until)
VALUES ($1, 0, 0, 0)
ON CONFLICT (key) DO NOTHING
