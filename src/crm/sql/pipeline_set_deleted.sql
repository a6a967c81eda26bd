-- Deletes pipeline $1 softly at $2.
UPDATE pipelines SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND deleted_at IS NULL
