UPDATE contacts SET is_client = 1 WHERE id = $1
