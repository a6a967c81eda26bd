CREATE TABLE IF NOT EXISTS store_widgets (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT,
    quantity INTEGER CHECK (quantity >= 0),
    price REAL,
    active INTEGER NOT NULL DEFAULT 1
) STRICT
