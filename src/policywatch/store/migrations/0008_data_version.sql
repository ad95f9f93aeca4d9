-- 0008: a counter every ingest that changes the store raises, in its own transaction. Readers that keep
-- derived copies (the web app's search side tables) compare it to know when to rebuild them. SQLite also has
-- `PRAGMA data_version`; PostgreSQL has nothing like it, so both backends keep this row.

CREATE TABLE data_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);
