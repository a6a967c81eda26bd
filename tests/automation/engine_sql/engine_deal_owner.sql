SELECT owner_id FROM deals WHERE id = $1
