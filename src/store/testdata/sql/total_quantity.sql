SELECT SUM(quantity) FROM store_widgets
