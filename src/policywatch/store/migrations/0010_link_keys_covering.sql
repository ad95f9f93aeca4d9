-- 0010: the linker's window look-up (link/tables.py `_owners_sharing`) reads, for each title key of a new
-- document, every key row in a ±120-day window and counts them by owner. The index found the rows but the
-- owner and last day had to be read from the table, row by row: 38 % of the ingest at ten documents a day.
-- Holding those columns in the index answers the look-up from the index alone (same rows, same order).

DROP INDEX link_keys_window;
CREATE INDEX link_keys_window ON link_keys (kind, key, side, first_day, last_day, record_id, entry_id);
