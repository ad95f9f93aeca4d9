-- 0004: search reads narrow rows, text is stored once, and the lookups an ingest makes are indexed.
-- Data is kept: migrate.py then compresses the stored JSON (record_codec.pack_json) in the same transaction.

-- Search: search_docs keeps what filters and joins read (a few dozen bytes a row); the folded text the FTS5
-- index is built from moves to search_text, its external content. The original title and body are not stored
-- again: they are cut from the entry or record when a hit is shown (writer.entry_search_text).
CREATE TABLE search_text (
    id           INTEGER PRIMARY KEY,  -- = search_docs.id
    title_index  TEXT NOT NULL,
    body_index   TEXT NOT NULL
);
INSERT INTO search_text (id, title_index, body_index) SELECT id, title_index, body_index FROM search_docs;

-- sqlite {
DROP TRIGGER search_docs_ai;
DROP TRIGGER search_docs_ad;
DROP TABLE search_fts;
-- }

CREATE TABLE search_docs_narrow (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    entry_id    INTEGER REFERENCES entries (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('entry', 'policy', 'article')),
    section     TEXT,
    date        TEXT
);
INSERT INTO search_docs_narrow (id, record_id, entry_id, kind, section, date)
    SELECT id, record_id, entry_id, kind, section, date FROM search_docs;
DROP TABLE search_docs;
ALTER TABLE search_docs_narrow RENAME TO search_docs;
CREATE INDEX search_docs_record ON search_docs (record_id);
CREATE INDEX search_docs_entry ON search_docs (entry_id);

-- SQLite only: the FTS5 index over search_text, rebuilt from it. bm25 weights (title 3, body 1) are the
-- table's rank function, so `ORDER BY rank` ranks as search.py does.
-- sqlite {
CREATE VIRTUAL TABLE search_fts USING fts5 (
    title_index, body_index,
    content = 'search_text', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');

CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN
    INSERT INTO search_fts (rowid, title_index, body_index) VALUES (new.id, new.title_index, new.body_index);
END;

CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_index, body_index)
        VALUES ('delete', old.id, old.title_index, old.body_index);
END;

-- A trigger, not a foreign key: it also runs on connections that leave foreign keys off.
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    DELETE FROM search_text WHERE id = old.id;
END;
-- }
-- PostgreSQL: the index is a tsvector column computed from search_text by the server itself (so it is always
-- in step with its row) under a text search configuration like FTS5's tokenizer: words split by the default
-- parser, English words stemmed by Snowball with no stop words (FTS5 drops none either), CJK characters
-- indexed one by one (the index text is already CJK-spaced). Title words weigh A, body words B.
-- The trigger's job is done by a foreign key; the packed JSON columns hold bytes.
-- postgres {
-- CREATE TEXT SEARCH DICTIONARY policywatch_english (TEMPLATE = snowball, LANGUAGE = english);
-- CREATE TEXT SEARCH CONFIGURATION policywatch_search (COPY = simple);
-- ALTER TEXT SEARCH CONFIGURATION policywatch_search ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH policywatch_english;
-- ALTER TABLE search_text ADD COLUMN document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('policywatch_search'::regconfig, title_index), 'A') || setweight(to_tsvector('policywatch_search'::regconfig, body_index), 'B')) STORED;
-- CREATE INDEX search_text_document ON search_text USING GIN (document);
-- ALTER TABLE search_text ADD CONSTRAINT search_text_doc FOREIGN KEY (id) REFERENCES search_docs (id) ON DELETE CASCADE;
-- ALTER TABLE records ALTER COLUMN record_json TYPE BYTEA USING convert_to(record_json, 'UTF8');
-- ALTER TABLE entries ALTER COLUMN entry_json TYPE BYTEA USING convert_to(entry_json, 'UTF8');
-- ALTER TABLE sources ALTER COLUMN edition_json TYPE BYTEA USING convert_to(edition_json, 'UTF8');
-- }

-- Entries: these columns repeated what entry_json holds, and nothing reads them.
ALTER TABLE entries DROP COLUMN summary;
ALTER TABLE entries DROP COLUMN key_points_json;
ALTER TABLE entries DROP COLUMN comment_json;

-- Sources: edition_json is '' when the source is its record's only edition — the record's own record_json is
-- then that edition, exactly (store/README.md, "Editions").

-- Foreign keys whose child side had no index: deleting an entry (a re-merge drops one) or a source searched
-- these tables whole for rows to cascade to. (IF NOT EXISTS: the ledger's own migrations may add theirs.)
CREATE INDEX targets_entry ON targets (entry_id);
CREATE INDEX link_keys_entry ON link_keys (entry_id);
CREATE INDEX entry_sources_source ON entry_sources (source_id);
CREATE INDEX IF NOT EXISTS ledger_sources_entry ON ledger_sources (entry_id);
CREATE INDEX IF NOT EXISTS ledger_outcomes_entry ON ledger_outcomes (entry_id);
CREATE INDEX IF NOT EXISTS ledger_events_record ON ledger_events (record_id);

-- Linking compares vectors only within a date window: entries by date, policies by the days each of their
-- dates covers (one row per date, NULLs for an undated policy; filled by migrate.py for stored policies, then
-- by link.linker).
CREATE INDEX entries_date ON entries (date);
CREATE TABLE link_dates (
    record_id  INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,  -- a policy
    first_day  TEXT,   -- first day the date covers (a month: its first day), ISO
    last_day   TEXT    -- last day it covers
);
CREATE INDEX link_dates_day ON link_dates (first_day);
CREATE INDEX link_dates_record ON link_dates (record_id);
