SELECT definition, deleted_at, enabled FROM automation_rules WHERE id = $1
