-- The rules a reader may see (auth/config_scope.hpp AccessToConfig): $1 = 1 for an admin (all),
-- else the organisation-wide ones and those of the reader's department $2.
SELECT id, name, enabled, record_type, definition, enabled_at, created_by, created_at, updated_at, deleted_at, department_id,
       author_id
FROM automation_rules
WHERE deleted_at IS NULL AND id > $3
  AND /*@ sees_config(department_id, $1, $2) @*/
ORDER BY id
LIMIT $4
