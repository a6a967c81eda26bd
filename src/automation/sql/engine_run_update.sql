UPDATE automation_runs SET outcome = $2, detail = $3, actions = $4 WHERE id = $1
