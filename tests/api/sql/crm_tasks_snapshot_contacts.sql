SELECT id, owner_id, is_client, updated_at, deleted_at FROM contacts ORDER BY id
