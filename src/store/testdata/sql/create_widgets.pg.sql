CREATE TABLE IF NOT EXISTS store_widgets (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT,
    quantity BIGINT CHECK (quantity >= 0),
    price DOUBLE PRECISION,
    active BOOLEAN NOT NULL DEFAULT TRUE
)
