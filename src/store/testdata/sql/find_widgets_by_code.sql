SELECT id FROM store_widgets WHERE code = $1
