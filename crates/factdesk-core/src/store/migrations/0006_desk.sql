-- Factdesk review store, schema version 6: the desk.
--
-- A database joined to a desk server shares its articles' history with the desk's other
-- databases (see docs/desk.md). Every row shared has an identity that is the same on
-- every machine, a UUID, kept beside it here (history rows cannot be updated, and the
-- other tables keep their short local ids "a12", "c345", "s7", "h90").

-- The desk this database is joined to: its address, the bearer token (never printed),
-- how far the desk's stream has been applied here, and how the last sync ended.
CREATE TABLE desk (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    url        TEXT NOT NULL,
    token      TEXT NOT NULL,
    cursor     INTEGER NOT NULL DEFAULT 0,
    synced_at  TEXT,
    error      TEXT
);

-- Articles on the desk: `seq` is the desk's position of the article in its stream, NULL
-- while publishing it is still to be sent.
CREATE TABLE desk_article (
    article_id  INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    uid         TEXT NOT NULL UNIQUE,
    seq         INTEGER UNIQUE
);

-- Claims and sources of desk articles, by their identity on the desk.
CREATE TABLE desk_claim (
    claim_id  INTEGER PRIMARY KEY REFERENCES claim (id) ON DELETE CASCADE,
    uid       TEXT NOT NULL UNIQUE
);
CREATE TABLE desk_source (
    source_id  INTEGER PRIMARY KEY REFERENCES source (id) ON DELETE CASCADE,
    uid        TEXT NOT NULL UNIQUE
);

-- History events by their identity on the desk. An event gets its UUID before it is first
-- sent, so a retried push names the same event; `seq` is the desk's order of the event,
-- NULL until the desk has acknowledged it. Events of claims on the desk with no row here,
-- or a NULL `seq`, are still to be pushed.
CREATE TABLE desk_event (
    history_id  INTEGER PRIMARY KEY REFERENCES history (id),
    uid         TEXT NOT NULL UNIQUE,
    seq         INTEGER UNIQUE
);
