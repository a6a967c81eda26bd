INSERT INTO store_parts (widget_id) VALUES ($1) RETURNING id
