SELECT id, name, kind, head_user_id, created_at, updated_at
FROM departments
WHERE id > $1
ORDER BY id
LIMIT $2
