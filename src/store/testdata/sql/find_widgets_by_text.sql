-- $1 is used twice: both uses bind the same value.
SELECT id FROM store_widgets WHERE code = $1 OR name = $1 ORDER BY id
