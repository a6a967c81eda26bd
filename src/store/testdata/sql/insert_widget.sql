INSERT INTO store_widgets (code, name, quantity, price, active)
VALUES ($1, $2, $3, $4, $5)
RETURNING id
