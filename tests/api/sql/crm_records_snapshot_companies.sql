SELECT id, owner_id, name, inn, address, search, created_at, updated_at, deleted_at FROM companies ORDER BY id
