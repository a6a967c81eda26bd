UPDATE automation_rules SET enabled_at = $2 WHERE id = $1
