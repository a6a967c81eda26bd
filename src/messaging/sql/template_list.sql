-- The templates a reader sees (auth/config_scope.hpp AccessToConfig): $4 = 1 for an admin (all),
-- else the organisation-wide ones and those of the reader's department $5.
SELECT id, kind, name, subject, body, html, created_at, updated_at, department_id
FROM message_templates
WHERE deleted_at IS NULL AND id > $1 AND ($2 = '' OR kind = $2)
  AND /*@ sees_config(department_id, $4, $5) @*/
ORDER BY id
LIMIT $3
