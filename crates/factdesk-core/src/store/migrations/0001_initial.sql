-- Factdesk review store, schema version 1.
--
-- Migrations are append-only: never edit this file once released; add 0002_*.sql instead.
-- Times are UTC in RFC 3339 with microseconds ("2024-05-01T09:30:00.000000Z"), dates are
-- "YYYY-MM-DD", values and history payloads are JSON. Offsets are UTF-8 byte offsets.

-- "FDK1": marks the file as a Factdesk database, so another program's SQLite file is
-- never mistaken for one.
PRAGMA application_id = 1178880817;

-- One row per article; `text` is exactly as imported. The same text is one article.
CREATE TABLE article (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT NOT NULL,
    byline        TEXT,
    outlet        TEXT,
    url           TEXT,
    published     TEXT,
    imported_at   TEXT NOT NULL,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX article_url ON article (url) WHERE url IS NOT NULL;

-- Earlier texts of an article, kept when a new version replaces them.
CREATE TABLE article_version (
    article_id    INTEGER NOT NULL REFERENCES article (id),
    version       INTEGER NOT NULL,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    replaced_at   TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
) WITHOUT ROWID;

-- Claims, found by the engine or marked by an editor. `text` is the exact quoted text of
-- the text-quote anchor; `prefix` and `suffix` are the text just before and after it.
CREATE TABLE claim (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id        INTEGER NOT NULL REFERENCES article (id),
    kind              TEXT NOT NULL CHECK (kind IN ('figure', 'date', 'quote')),
    start_byte        INTEGER NOT NULL,
    end_byte          INTEGER NOT NULL,
    text              TEXT NOT NULL,
    value             TEXT,
    speaker           TEXT,
    cue_start         INTEGER,
    cue_end           INTEGER,
    sentence_start    INTEGER NOT NULL,
    sentence_end      INTEGER NOT NULL,
    origin            TEXT NOT NULL CHECK (origin IN ('extracted', 'manual')),
    prefix            TEXT NOT NULL,
    suffix            TEXT NOT NULL,
    speaker_corrected INTEGER NOT NULL DEFAULT 0,
    value_corrected   INTEGER NOT NULL DEFAULT 0,
    dismissed         INTEGER NOT NULL DEFAULT 0,
    orphaned          INTEGER NOT NULL DEFAULT 0,
    CHECK (start_byte <= end_byte)
);
CREATE INDEX claim_article ON claim (article_id, start_byte, end_byte);

-- The current verdict on a claim; no row means unchecked with no note.
CREATE TABLE verdict (
    claim_id     INTEGER PRIMARY KEY REFERENCES claim (id),
    status       TEXT NOT NULL CHECK (status IN
                     ('unchecked', 'verified', 'disputed', 'false', 'misleading', 'unverifiable')),
    note         TEXT,
    reviewer     TEXT,
    reviewed_at  TEXT
);

-- Sources cited for a claim. A removed source is kept (and its history with it).
CREATE TABLE source (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id   INTEGER NOT NULL REFERENCES claim (id),
    url        TEXT,
    citation   TEXT,
    title      TEXT,
    shows      TEXT,
    accessed   TEXT,
    added_by   TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    removed    INTEGER NOT NULL DEFAULT 0,
    CHECK (url IS NOT NULL OR citation IS NOT NULL)
);
CREATE INDEX source_claim ON source (claim_id);

-- Every change to a claim, append-only. Events written by one edit share `change`; an
-- undo is an event of its own that names the event it reverts in `undoes`.
CREATE TABLE history (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id  INTEGER NOT NULL REFERENCES claim (id),
    change    INTEGER NOT NULL,
    at        TEXT NOT NULL,
    by        TEXT NOT NULL,
    field     TEXT NOT NULL,
    before    TEXT NOT NULL,
    after     TEXT NOT NULL,
    undoes    INTEGER REFERENCES history (id)
);
CREATE INDEX history_claim ON history (claim_id, change);
CREATE UNIQUE INDEX history_undoes ON history (undoes) WHERE undoes IS NOT NULL;

CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

-- Full-text search over article titles and text, claim text and speakers, and notes.
-- External-content tables: the text lives once, in the tables above. Triggers keep them
-- in step with updates and deletes; a new article or claim is indexed by the statement
-- after its INSERT (the code does both in one transaction), because a trigger on those
-- INSERTs would give each one a statement journal, and full-text search flushes its
-- pending index to disk at every such savepoint: one tiny index segment per claim.
CREATE VIRTUAL TABLE article_fts USING fts5 (
    title, text, content = 'article', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER article_fts_delete AFTER DELETE ON article
BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article
BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO article_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE claim_fts USING fts5 (
    text, speaker, content = 'claim', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim
BEGIN
    INSERT INTO claim_fts (claim_fts, rowid, text, speaker)
    VALUES ('delete', old.id, old.text, old.speaker);
END;
CREATE TRIGGER claim_fts_update AFTER UPDATE OF text, speaker ON claim
BEGIN
    INSERT INTO claim_fts (claim_fts, rowid, text, speaker)
    VALUES ('delete', old.id, old.text, old.speaker);
    INSERT INTO claim_fts (rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;

CREATE VIRTUAL TABLE note_fts USING fts5 (
    note, content = 'verdict', content_rowid = 'claim_id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER note_fts_insert AFTER INSERT ON verdict
BEGIN
    INSERT INTO note_fts (rowid, note) VALUES (new.claim_id, new.note);
END;
CREATE TRIGGER note_fts_delete AFTER DELETE ON verdict
BEGIN
    INSERT INTO note_fts (note_fts, rowid, note) VALUES ('delete', old.claim_id, old.note);
END;
CREATE TRIGGER note_fts_update AFTER UPDATE OF note ON verdict
BEGIN
    INSERT INTO note_fts (note_fts, rowid, note) VALUES ('delete', old.claim_id, old.note);
    INSERT INTO note_fts (rowid, note) VALUES (new.claim_id, new.note);
END;
