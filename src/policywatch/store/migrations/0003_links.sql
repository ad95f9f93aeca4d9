-- 0003: links from brief entries to the Chinese documents they are about (policywatch.link), the keys
-- candidates are looked up by, and the text vectors of the optional [embed] extra. Everything here is derived
-- from records and entries: `relink_all` can recreate it. Plain SQL that PostgreSQL accepts (BLOB → BYTEA).

CREATE TABLE links (
    entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    record_id  INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,  -- the policy
    method     TEXT NOT NULL CHECK (method IN ('exact', 'normalised', 'fuzzy', 'semantic')),
    score      REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    status     TEXT NOT NULL CHECK (status IN ('asserted', 'proposed')),
    reason     TEXT NOT NULL,
    PRIMARY KEY (entry_id, record_id)
);
CREATE INDEX links_record ON links (record_id, status);

-- Lookup keys of entries (entry_id set) and policies (entry_id NULL): title forms, their character bigrams,
-- 发文字号 tails and English title words (link.subjects.entry_lookup / policy_lookup).
CREATE TABLE link_keys (
    record_id  INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    entry_id   INTEGER REFERENCES entries (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('title', 'gram', 'number', 'word')),
    key        TEXT NOT NULL
);
CREATE INDEX link_keys_lookup ON link_keys (kind, key, entry_id);  -- policies (entry_id NULL) sort first
CREATE INDEX link_keys_record ON link_keys (record_id);

-- Vectors of entries, policies and articles, per model: float32 little-endian, L2-normalised. kind 'title' is
-- a document title alone (an entry's English title, a policy's title without issuer or wrapper), 'text' the
-- title with the start of the text. text_sha256 is the digest of the text embedded, so an unchanged text is
-- never embedded again.
CREATE TABLE link_vectors (
    record_id    INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    entry_id     INTEGER REFERENCES entries (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('title', 'text')),
    model        TEXT NOT NULL,
    text_sha256  TEXT NOT NULL,
    vector       BLOB NOT NULL
);
CREATE INDEX link_vectors_record ON link_vectors (record_id, model, kind);
CREATE INDEX link_vectors_entry ON link_vectors (entry_id);
