DELETE FROM store_widgets
