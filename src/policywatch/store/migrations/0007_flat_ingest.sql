-- 0007: what keeps the per-document cost of the target ledger and the linker flat as the archive grows.
-- Everything here is derived (rebuild_ledger / relink_all recreate it). Plain SQL that PostgreSQL accepts.

-- Which derived structures a store has filled (name → version). A store that held ledger targets or link keys
-- before this migration lacks the rows below; the ledger and the linker fill them once, on first use.
CREATE TABLE stage_versions (
    name     TEXT PRIMARY KEY,
    version  INTEGER NOT NULL
);

-- A ledger target's running state after each of its statements (ledger_sources rows of role 'target', same
-- position): matching resumes from any point of a target's history without reading the statements before it.
CREATE TABLE ledger_steps (
    ledger_target_id  INTEGER NOT NULL REFERENCES ledger_targets (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    target_id         INTEGER REFERENCES targets (id) ON DELETE SET NULL,  -- NULL: the store rewrote the row
    record_id         INTEGER NOT NULL,  -- no foreign key: kept to find the record's rewritten rows
    order_final       INTEGER NOT NULL,  -- history order: 0 for a draft's statement, 1 otherwise …
    order_date        TEXT NOT NULL,     -- … then its date ('' when undated) …
    order_entry       INTEGER NOT NULL,  -- … then record_id, entry id (0: none) and position in the record
    order_position    INTEGER NOT NULL,
    base_value        REAL NOT NULL,     -- the value in the unit class's base unit
    current_position  INTEGER NOT NULL,  -- the statement holding the current value
    revised           INTEGER NOT NULL,
    restated          INTEGER NOT NULL,  -- statements from more than one record so far
    display_position  INTEGER NOT NULL,  -- the statement whose wording is shown
    display_weight    INTEGER NOT NULL,
    baseline_position INTEGER,           -- the last statement with a baseline
    first_date        TEXT,
    last_date         TEXT,
    draft             INTEGER NOT NULL,  -- every statement so far is from a draft
    events            INTEGER NOT NULL,  -- ledger_events written so far
    PRIMARY KEY (ledger_target_id, position)
);
CREATE INDEX ledger_steps_target_row ON ledger_steps (target_id);
CREATE INDEX ledger_steps_record ON ledger_steps (record_id, ledger_target_id, position);

-- Distinct base values and distinct comparison-token sets of a ledger target, with the position of the first
-- statement that has them: what a target held before any point of its history, however often it was restated.
CREATE TABLE ledger_target_values (
    ledger_target_id  INTEGER NOT NULL REFERENCES ledger_targets (id) ON DELETE CASCADE,
    base_value        REAL NOT NULL,
    first_position    INTEGER NOT NULL,
    PRIMARY KEY (ledger_target_id, base_value)
);
CREATE TABLE ledger_target_keys (
    ledger_target_id  INTEGER NOT NULL REFERENCES ledger_targets (id) ON DELETE CASCADE,
    metric_key        TEXT NOT NULL,
    first_position    INTEGER NOT NULL,
    PRIMARY KEY (ledger_target_id, metric_key)
);

-- The specific (not generic) tokens of each ledger target: candidates for a statement, an outcome or a
-- successor are the targets of its unit class (and year) sharing one.
CREATE TABLE ledger_target_tokens (
    ledger_target_id  INTEGER NOT NULL REFERENCES ledger_targets (id) ON DELETE CASCADE,
    unit_class        TEXT NOT NULL,
    year              INTEGER,
    token             TEXT NOT NULL,
    PRIMARY KEY (ledger_target_id, token)
);
CREATE INDEX ledger_target_tokens_lookup ON ledger_target_tokens (unit_class, token, year);

CREATE INDEX ledger_targets_successor ON ledger_targets (superseded_by);
CREATE INDEX ledger_targets_status_successor ON ledger_targets (status, superseded_by);

-- Link candidates are looked up by key within a window of days around the subject's dates: each key row
-- carries its owner's side (0 a policy, 1 an entry) and the days its dates cover (NULL: undated).
ALTER TABLE link_keys ADD COLUMN side INTEGER;
ALTER TABLE link_keys ADD COLUMN first_day TEXT;
ALTER TABLE link_keys ADD COLUMN last_day TEXT;
CREATE INDEX link_keys_window ON link_keys (kind, key, side, first_day);
-- A policy's own vectors by record (link_vectors_entry would otherwise serve "entry_id IS NULL": every policy's).
CREATE INDEX link_vectors_owner ON link_vectors (record_id, model, kind, entry_id);

-- The outcome a ledger target holds: a row whose outcome_id went NULL (the outcome rewritten, or its record
-- removed) tells which targets must look for their outcome again.
CREATE TABLE ledger_target_outcomes (
    ledger_target_id  INTEGER PRIMARY KEY REFERENCES ledger_targets (id) ON DELETE CASCADE,
    outcome_id        INTEGER REFERENCES ledger_outcomes (id) ON DELETE SET NULL
);
CREATE INDEX ledger_target_outcomes_outcome ON ledger_target_outcomes (outcome_id);
