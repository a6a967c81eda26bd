UPDATE sessions SET expires_at = 0
