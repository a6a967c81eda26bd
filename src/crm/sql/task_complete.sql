UPDATE tasks SET done_at = $2, result = $3, updated_at = $2
WHERE id = $1 AND done_at IS NULL AND deleted_at IS NULL
