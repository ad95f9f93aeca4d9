-- 0006: briefs published from the web composer. The edited draft is kept as JSON in the draft-file schema
-- (render/draft_file.py), so a published brief renders the same way forever, whatever the store holds later.

CREATE TABLE published (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    draft_json  TEXT NOT NULL
);
