SELECT COUNT(*) FROM store_widgets
