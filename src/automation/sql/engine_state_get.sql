SELECT value FROM automation_state WHERE name = $1
