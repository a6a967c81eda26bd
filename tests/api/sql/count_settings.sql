SELECT count(*) FROM settings
