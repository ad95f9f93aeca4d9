-- 0002: the target ledger (policywatch.ledger). One ledger target per goal across documents and years, the
-- statements it was matched from, its history and the outcomes documents report. Everything here is derived
-- from records, entries and targets: `rebuild_ledger` can recreate it. Plain SQL that PostgreSQL accepts.

-- What the ledger needs to know about a record: its date (ordering revisions) and whether it is a draft.
CREATE TABLE ledger_documents (
    record_id  INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
    doc_date   TEXT,                 -- entry dates, when a brief entry has one, take precedence
    draft      INTEGER NOT NULL
);

-- Achieved values a document reports for a year (extract_outcomes), rewritten when the record changes.
CREATE TABLE ledger_outcomes (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    entry_id    INTEGER REFERENCES entries (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    field       TEXT NOT NULL,
    sentence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    metric      TEXT NOT NULL,
    value       REAL NOT NULL,
    unit        TEXT NOT NULL,
    unit_class  TEXT NOT NULL,
    comparator  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    direction   TEXT,
    year        INTEGER NOT NULL,
    language    TEXT NOT NULL,
    metric_key  TEXT NOT NULL        -- space-separated comparison tokens (ledger.similarity)
);
CREATE INDEX ledger_outcomes_record ON ledger_outcomes (record_id);
CREATE INDEX ledger_outcomes_group ON ledger_outcomes (unit_class, year);

CREATE TABLE ledger_targets (
    id              INTEGER PRIMARY KEY,
    unit_class      TEXT NOT NULL,
    year            INTEGER,
    metric          TEXT NOT NULL,   -- as the current statement words it
    value           REAL NOT NULL,   -- the current value: the latest statement's (drafts come before finals)
    unit            TEXT NOT NULL,
    comparator      TEXT NOT NULL,
    kind            TEXT NOT NULL,
    direction       TEXT,
    baseline_json   TEXT,
    history_status  TEXT NOT NULL CHECK (history_status IN ('stated', 'restated', 'revised')),
    outcome_status  TEXT CHECK (outcome_status IN ('achieved', 'missed')),
    status          TEXT NOT NULL
                    CHECK (status IN ('stated', 'restated', 'revised', 'achieved', 'missed', 'superseded')),
    superseded_by   INTEGER REFERENCES ledger_targets (id) ON DELETE SET NULL,
    corporate       INTEGER NOT NULL,
    draft           INTEGER NOT NULL,  -- every statement is from a draft
    first_date      TEXT,
    last_date       TEXT,
    outcome_value   REAL,
    outcome_date    TEXT,
    source_count    INTEGER NOT NULL,  -- rows in ledger_sources: a mismatch means a cascade removed some
    metric_key      TEXT NOT NULL      -- union of the statements' comparison tokens
);
CREATE INDEX ledger_targets_group ON ledger_targets (unit_class, year);
CREATE INDEX ledger_targets_status ON ledger_targets (status);

-- The statements (targets rows) and outcomes a ledger target was built from, in history order.
CREATE TABLE ledger_sources (
    id                INTEGER PRIMARY KEY,
    ledger_target_id  INTEGER NOT NULL REFERENCES ledger_targets (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    role              TEXT NOT NULL CHECK (role IN ('target', 'outcome')),
    target_id         INTEGER REFERENCES targets (id) ON DELETE SET NULL,
    outcome_id        INTEGER REFERENCES ledger_outcomes (id) ON DELETE SET NULL,
    record_id         INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    entry_id          INTEGER REFERENCES entries (id) ON DELETE CASCADE,
    field             TEXT NOT NULL,
    sentence          TEXT NOT NULL,
    metric            TEXT NOT NULL,
    value             REAL NOT NULL,
    unit              TEXT NOT NULL,
    comparator        TEXT NOT NULL,
    year              INTEGER,
    language          TEXT NOT NULL,
    doc_date          TEXT,
    draft             INTEGER NOT NULL,
    metric_key        TEXT NOT NULL
);
CREATE INDEX ledger_sources_target ON ledger_sources (ledger_target_id, position);
CREATE INDEX ledger_sources_record ON ledger_sources (record_id);
CREATE INDEX ledger_sources_target_row ON ledger_sources (target_id);
CREATE INDEX ledger_sources_outcome_row ON ledger_sources (outcome_id);

CREATE TABLE ledger_events (
    id                INTEGER PRIMARY KEY,
    ledger_target_id  INTEGER NOT NULL REFERENCES ledger_targets (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    event             TEXT NOT NULL CHECK (event IN ('stated', 'restated', 'revised', 'outcome', 'superseded')),
    event_date        TEXT,
    record_id         INTEGER REFERENCES records (id) ON DELETE CASCADE,
    value             REAL,
    previous_value    REAL,
    other_target_id   INTEGER REFERENCES ledger_targets (id) ON DELETE SET NULL,  -- superseded: the successor
    note              TEXT NOT NULL
);
CREATE INDEX ledger_events_target ON ledger_events (ledger_target_id, position);

-- The ledger loads a year's targets at a time.
CREATE INDEX targets_ledger_year ON targets (year);
