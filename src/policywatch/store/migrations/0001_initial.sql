-- 0001: records and their editions, entries and what they name, targets, blobs, and the search index.
-- Plain SQL that PostgreSQL also accepts, except the FTS5 table and its triggers at the end.

CREATE TABLE records (
    id            INTEGER PRIMARY KEY,
    type          TEXT NOT NULL CHECK (type IN ('brief', 'policy', 'article')),
    kind          TEXT,              -- an article's kind (news, comment, report…); NULL otherwise
    series        TEXT,
    title         TEXT,              -- brief/article title; a policy's title_zh, else title_en
    published     TEXT,              -- ISO date (policy: date_published, else date_written)
    period_start  TEXT,
    period_end    TEXT,
    doc_number    TEXT,
    language      TEXT NOT NULL,
    truncated     INTEGER NOT NULL DEFAULT 0,
    record_json   TEXT NOT NULL,     -- the merged record, exactly (record_codec.record_to_json)
    fingerprint   TEXT NOT NULL,     -- sha256 of record_json
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX records_type_published ON records (type, published);
CREATE INDEX records_series ON records (series);

-- Original bytes, content-addressed, inside the database: one file holds everything.
CREATE TABLE blobs (
    sha256  TEXT PRIMARY KEY,
    size    INTEGER NOT NULL,
    data    BLOB NOT NULL
);

-- One row per edition: a file that parsed into (part of) a record. edition_json is that file's own parse;
-- the record is the merge of its editions.
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    record_id     INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    sha256        TEXT NOT NULL UNIQUE REFERENCES blobs (sha256),
    path          TEXT NOT NULL,
    format        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    encoding      TEXT,
    ingested_at   TEXT NOT NULL,
    edition_json  TEXT NOT NULL,
    fingerprint   TEXT NOT NULL      -- record_codec.edition_fingerprint: unchanged re-ingests are skipped
);
CREATE INDEX sources_record ON sources (record_id);

-- Keys under which another edition of a record is looked for (editions.match_keys).
CREATE TABLE match_keys (
    key_kind   TEXT NOT NULL,
    key        TEXT NOT NULL,
    record_id  INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    PRIMARY KEY (key_kind, key, record_id)
);
CREATE INDEX match_keys_record ON match_keys (record_id);

CREATE TABLE entries (
    id               INTEGER PRIMARY KEY,
    record_id        INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    match_key        TEXT NOT NULL,  -- editions.entry_key: keeps the id stable when editions merge
    section          TEXT NOT NULL,
    rank             INTEGER,
    headline         TEXT NOT NULL,
    summary          TEXT NOT NULL,
    key_points_json  TEXT NOT NULL,
    comment_json     TEXT NOT NULL,
    text             TEXT NOT NULL,
    source_label     TEXT,
    date             TEXT,
    document_json    TEXT,
    entry_json       TEXT NOT NULL
);
CREATE INDEX entries_record ON entries (record_id, position);

CREATE TABLE entry_sources (
    entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, source_id)
);

CREATE TABLE entry_bodies (
    entry_id  INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    body_id   TEXT NOT NULL,
    PRIMARY KEY (entry_id, body_id)
);
CREATE INDEX entry_bodies_body ON entry_bodies (body_id);

CREATE TABLE entry_companies (
    entry_id  INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    company   TEXT NOT NULL,
    PRIMARY KEY (entry_id, company)
);

CREATE TABLE entry_sectors (
    entry_id  INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    sector    TEXT NOT NULL,
    PRIMARY KEY (entry_id, sector)
);

CREATE TABLE record_bodies (
    record_id  INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    body_id    TEXT NOT NULL,
    PRIMARY KEY (record_id, body_id)
);
CREATE INDEX record_bodies_body ON record_bodies (body_id);

CREATE TABLE record_companies (
    record_id  INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    company    TEXT NOT NULL,
    PRIMARY KEY (record_id, company)
);

CREATE TABLE record_sectors (
    record_id  INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    sector     TEXT NOT NULL,
    PRIMARY KEY (record_id, sector)
);

CREATE TABLE targets (
    id             INTEGER PRIMARY KEY,
    record_id      INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    entry_id       INTEGER REFERENCES entries (id) ON DELETE CASCADE,  -- NULL: stated outside entries
    position       INTEGER NOT NULL,
    field          TEXT NOT NULL,
    text           TEXT NOT NULL,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    metric         TEXT NOT NULL,
    value          REAL NOT NULL,
    unit           TEXT NOT NULL,
    comparator     TEXT NOT NULL,
    kind           TEXT NOT NULL,
    direction      TEXT,
    year           INTEGER,
    year_source    TEXT NOT NULL,
    baseline_json  TEXT,
    language       TEXT NOT NULL,
    corporate      INTEGER NOT NULL,
    draft          INTEGER NOT NULL
);
CREATE INDEX targets_record ON targets (record_id);
CREATE INDEX targets_metric ON targets (metric, year);

-- What search matches: one row per entry, policy or article. title/body are the original text (snippets
-- are cut from them); title_index/body_index the folded, CJK-unigram copy the index reads.
CREATE TABLE search_docs (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    entry_id    INTEGER REFERENCES entries (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('entry', 'policy', 'article')),
    section     TEXT,
    date        TEXT,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    title_index TEXT NOT NULL,
    body_index  TEXT NOT NULL
);
CREATE INDEX search_docs_record ON search_docs (record_id);
CREATE INDEX search_docs_entry ON search_docs (entry_id);

-- SQLite only from here: an external-content FTS5 index over search_docs, kept in step by triggers.
-- sqlite {
CREATE VIRTUAL TABLE search_fts USING fts5 (
    title_index, body_index,
    content = 'search_docs', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, title_index, body_index) VALUES (new.id, new.title_index, new.body_index);
END;

CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_index, body_index)
        VALUES ('delete', old.id, old.title_index, old.body_index);
END;
-- }
