-- Every stored value of custom field $1 (deleting the field).
DELETE FROM custom_values WHERE field_id = $1
