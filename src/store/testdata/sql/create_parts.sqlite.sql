CREATE TABLE IF NOT EXISTS store_parts (
    id INTEGER PRIMARY KEY,
    widget_id INTEGER NOT NULL REFERENCES store_widgets (id)
) STRICT
