-- 0005: watchlists (saved searches), the alerts they raised, and the delivery outbox.
-- Plain SQL that PostgreSQL also accepts. Alerts keep no foreign key to records: they are history and must
-- survive a record being re-merged or removed.

CREATE TABLE watches (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    spec_json    TEXT NOT NULL,      -- alerts.watches.WatchSpec as JSON
    webhook_url  TEXT,
    secret       TEXT NOT NULL,      -- HMAC-SHA256 key for X-Policywatch-Signature
    email        TEXT,
    created_at   TEXT NOT NULL
);

CREATE TABLE alerts (
    id            INTEGER PRIMARY KEY,
    watch_id      INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    record_id     INTEGER NOT NULL,
    entry_id      INTEGER,           -- NULL: the whole record (policy, article)
    unit_key      TEXT NOT NULL,     -- 'e<entry id>' or 'r<record id>': one alert per watch and unit
    title         TEXT NOT NULL,
    date          TEXT,
    field         TEXT NOT NULL,     -- where the match is: headline, summary, key_points[0], text…
    span_start    INTEGER NOT NULL,  -- offsets into that field's text
    span_end      INTEGER NOT NULL,
    matched_text  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (watch_id, unit_key)
);
CREATE INDEX alerts_watch_created ON alerts (watch_id, created_at);

-- One row per (alert, channel) to deliver. Rows are written in the ingest transaction that raised the alert,
-- so an alert is never committed without its deliveries.
CREATE TABLE alert_outbox (
    id               INTEGER PRIMARY KEY,
    alert_id         INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel          TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
    idempotency_key  TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    delivered_at     TEXT,
    UNIQUE (alert_id, channel)
);
CREATE INDEX alert_outbox_due ON alert_outbox (status, next_attempt_at);
