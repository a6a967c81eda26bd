DELETE FROM sign_in_throttle WHERE key = $1
