CREATE TABLE IF NOT EXISTS store_parts (
    id BIGSERIAL PRIMARY KEY,
    widget_id BIGINT NOT NULL REFERENCES store_widgets (id)
)
