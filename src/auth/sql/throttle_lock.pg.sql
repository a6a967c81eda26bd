SELECT failures, window_started_at, blocked_until FROM sign_in_throttle WHERE key = $1 FOR UPDATE
