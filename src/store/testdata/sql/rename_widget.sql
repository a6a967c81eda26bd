-- $2 comes before $1 in the text: parameters bind by number, not by position.
UPDATE store_widgets SET name = $2 WHERE id = $1
