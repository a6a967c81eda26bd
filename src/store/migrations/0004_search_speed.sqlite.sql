-- Issue 3 speed-ups: PostgreSQL only (see 0004_search_speed.pg.sql); nothing to change here.
SELECT 1;
