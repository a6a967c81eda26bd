SELECT id, owner_id, name, company_id, is_client, search, created_at, updated_at, deleted_at FROM contacts ORDER BY id
