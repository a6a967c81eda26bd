SELECT key, failures, window_started_at, blocked_until FROM sign_in_throttle ORDER BY key
