UPDATE contacts SET is_client = 1, updated_at = $2 WHERE id = $1 AND is_client = 0
