-- Custom field $1's definition (its values are deleted first: custom_value_delete_field.sql).
DELETE FROM custom_fields WHERE id = $1
