SELECT id, code, name, quantity, price, active FROM store_widgets WHERE id = $1
