-- What a PBX's events are checked with: its secret, whether it is active, its department.
SELECT secret, active, department_id FROM pbxs WHERE id = $1
