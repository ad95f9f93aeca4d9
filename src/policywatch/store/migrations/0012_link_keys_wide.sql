-- 0012: the linker's window look-up (link/tables.py `_owners_sharing`) reads each title key's rows whose days
-- reach into a window. A row covers up to a year (a date given as a year alone), so the look-up had to start a
-- year before the window, reading two and a half times the rows of a window of ±120 days, although almost every
-- row covers a day or a month. `wide` marks the rows covering more than NARROW_DAYS (31) days; the narrow
-- ones are read from a month before the window, the wide ones from a year before (same rows found).

ALTER TABLE link_keys ADD COLUMN wide INTEGER NOT NULL DEFAULT 0;

-- sqlite {
UPDATE link_keys SET wide = 1 WHERE julianday(last_day) - julianday(first_day) > 31;
-- }
-- postgres {
-- UPDATE link_keys SET wide = 1 WHERE CAST(last_day AS DATE) - CAST(first_day AS DATE) > 31;
-- }

DROP INDEX link_keys_window;
CREATE INDEX link_keys_window ON link_keys (kind, key, side, wide, first_day, last_day, record_id, entry_id);
