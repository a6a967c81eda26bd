UPDATE sign_in_throttle SET failures = $2, window_started_at = $3, blocked_until = $4 WHERE key = $1
