-- A PBX is deleted only while no call refers to it; with calls it is deactivated instead.
DELETE FROM pbxs WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.pbx_id = $1)
