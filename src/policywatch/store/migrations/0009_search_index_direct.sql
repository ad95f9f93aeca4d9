-- 0009: PostgreSQL only. A GIN index with fastupdate (the default) queues new entries in a pending list that
-- every search scans in full until a vacuum merges it; after a bulk ingest or import that made searches take
-- ten times longer and the planner prefer a sequential scan. Entries now go straight into the index: each
-- insert costs a little more, every search the same. SQLite's FTS5 merges its own segments.

-- postgres {
-- ALTER INDEX search_text_document SET (fastupdate = off);
-- SELECT gin_clean_pending_list('search_text_document'::regclass);
-- }
