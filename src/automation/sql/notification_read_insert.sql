-- A read of notification $1 by its user $2 at $3, for the live feed (notification_reads).
INSERT INTO notification_reads (notification_id, user_id, at) VALUES ($1, $2, $3)
