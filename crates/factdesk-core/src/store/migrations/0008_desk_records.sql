-- Factdesk review store, schema version 8: the desk's assignments, sign-offs and comments.
--
-- They come down with the desk's stream like articles and history events, each at its
-- place `seq`, so a database has them offline. They are the desk's records, kept as the
-- desk sent them: articles and claims are named by their desk UUIDs, people by their
-- names on the desk. Nothing here is edited: a reassignment is a new row (the latest
-- place of an article stands), and a sign-off or a comment is never changed.

-- The user this database's token names on its desk, learnt when it joins.
ALTER TABLE desk ADD COLUMN user_name TEXT;

CREATE TABLE desk_assignment (
    seq          INTEGER PRIMARY KEY,
    article_uid  TEXT NOT NULL,
    assignee     TEXT NOT NULL,
    assigned_by  TEXT NOT NULL,
    deadline     TEXT,
    at           TEXT NOT NULL
);
CREATE INDEX desk_assignment_article ON desk_assignment (article_uid, seq);

CREATE TABLE desk_sign_off (
    seq          INTEGER PRIMARY KEY,
    article_uid  TEXT NOT NULL,
    editor       TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX desk_sign_off_article ON desk_sign_off (article_uid, seq);

CREATE TABLE desk_comment (
    seq        INTEGER PRIMARY KEY,
    id         INTEGER NOT NULL,
    claim_uid  TEXT NOT NULL,
    by         TEXT NOT NULL,
    body       TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX desk_comment_claim ON desk_comment (claim_uid, seq);

CREATE TRIGGER desk_assignment_is_append_only BEFORE UPDATE ON desk_assignment
BEGIN
    SELECT RAISE(ABORT, 'the desk''s assignments are append-only');
END;
CREATE TRIGGER desk_sign_off_is_append_only BEFORE UPDATE ON desk_sign_off
BEGIN
    SELECT RAISE(ABORT, 'the desk''s sign-offs are append-only');
END;
CREATE TRIGGER desk_comment_is_append_only BEFORE UPDATE ON desk_comment
BEGIN
    SELECT RAISE(ABORT, 'the desk''s comments are append-only');
END;
