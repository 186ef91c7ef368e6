-- Factdesk review store, schema version 4: per-article counts kept, not recounted.
--
-- One row per article with its claims (dismissed ones excluded) by status and by kind, so
-- the library lists, sorts, filters and pages 100,000 articles without reading their
-- claims. Triggers keep the counts in step with every change to a verdict's status and to
-- a claim's `dismissed` flag, and with claims deleted, in the statement that makes the
-- change. A new claim is counted by the statement after its INSERT (the code does both in
-- one transaction), for the reason the full-text indexes are: a trigger on claim INSERTs
-- would give each one a statement journal.
CREATE TABLE article_tally (
    article_id      INTEGER PRIMARY KEY REFERENCES article (id),
    n_claims        INTEGER NOT NULL DEFAULT 0,
    n_unchecked     INTEGER NOT NULL DEFAULT 0,
    n_verified      INTEGER NOT NULL DEFAULT 0,
    n_disputed      INTEGER NOT NULL DEFAULT 0,
    n_false         INTEGER NOT NULL DEFAULT 0,
    n_misleading    INTEGER NOT NULL DEFAULT 0,
    n_unverifiable  INTEGER NOT NULL DEFAULT 0,
    n_figure        INTEGER NOT NULL DEFAULT 0,
    n_date          INTEGER NOT NULL DEFAULT 0,
    n_quote         INTEGER NOT NULL DEFAULT 0
);
-- The library's orders: most unchecked first, and by title.
CREATE INDEX article_tally_unchecked ON article_tally (n_unchecked DESC, article_id DESC);
CREATE INDEX article_title ON article (title COLLATE NOCASE, id);

INSERT INTO article_tally
SELECT a.id,
       count(c.id),
       total(c.id IS NOT NULL AND COALESCE(v.status, 'unchecked') = 'unchecked'),
       total(v.status = 'verified'),
       total(v.status = 'disputed'),
       total(v.status = 'false'),
       total(v.status = 'misleading'),
       total(v.status = 'unverifiable'),
       total(c.kind = 'figure'),
       total(c.kind = 'date'),
       total(c.kind = 'quote')
FROM article a
LEFT JOIN claim c ON c.article_id = a.id AND c.dismissed = 0
LEFT JOIN verdict v ON v.claim_id = c.id
GROUP BY a.id;

CREATE TRIGGER article_tally_delete AFTER DELETE ON article
BEGIN
    DELETE FROM article_tally WHERE article_id = old.id;
END;

CREATE TRIGGER verdict_tally_insert AFTER INSERT ON verdict
WHEN (SELECT dismissed FROM claim WHERE id = new.claim_id) = 0
BEGIN
    UPDATE article_tally SET
        n_unchecked = n_unchecked - 1 + (new.status = 'unchecked'),
        n_verified = n_verified + (new.status = 'verified'),
        n_disputed = n_disputed + (new.status = 'disputed'),
        n_false = n_false + (new.status = 'false'),
        n_misleading = n_misleading + (new.status = 'misleading'),
        n_unverifiable = n_unverifiable + (new.status = 'unverifiable')
    WHERE article_id = (SELECT article_id FROM claim WHERE id = new.claim_id);
END;

CREATE TRIGGER verdict_tally_update AFTER UPDATE OF status ON verdict
WHEN old.status <> new.status AND (SELECT dismissed FROM claim WHERE id = new.claim_id) = 0
BEGIN
    UPDATE article_tally SET
        n_unchecked = n_unchecked + (new.status = 'unchecked') - (old.status = 'unchecked'),
        n_verified = n_verified + (new.status = 'verified') - (old.status = 'verified'),
        n_disputed = n_disputed + (new.status = 'disputed') - (old.status = 'disputed'),
        n_false = n_false + (new.status = 'false') - (old.status = 'false'),
        n_misleading = n_misleading + (new.status = 'misleading') - (old.status = 'misleading'),
        n_unverifiable = n_unverifiable + (new.status = 'unverifiable')
            - (old.status = 'unverifiable')
    WHERE article_id = (SELECT article_id FROM claim WHERE id = new.claim_id);
END;

CREATE TRIGGER verdict_tally_delete AFTER DELETE ON verdict
WHEN (SELECT dismissed FROM claim WHERE id = old.claim_id) = 0
BEGIN
    UPDATE article_tally SET
        n_unchecked = n_unchecked + 1 - (old.status = 'unchecked'),
        n_verified = n_verified - (old.status = 'verified'),
        n_disputed = n_disputed - (old.status = 'disputed'),
        n_false = n_false - (old.status = 'false'),
        n_misleading = n_misleading - (old.status = 'misleading'),
        n_unverifiable = n_unverifiable - (old.status = 'unverifiable')
    WHERE article_id = (SELECT article_id FROM claim WHERE id = old.claim_id);
END;

-- A claim leaving the counts (deleted, or dismissed) or coming back (dismissal undone):
-- `sign` is -1 or +1 for its kind and its current status.
CREATE TRIGGER claim_tally_delete AFTER DELETE ON claim
WHEN old.dismissed = 0
BEGIN
    UPDATE article_tally SET
        n_claims = n_claims - 1,
        n_figure = n_figure - (old.kind = 'figure'),
        n_date = n_date - (old.kind = 'date'),
        n_quote = n_quote - (old.kind = 'quote'),
        n_unchecked = n_unchecked
            - (COALESCE((SELECT status FROM verdict WHERE claim_id = old.id), 'unchecked')
               = 'unchecked'),
        n_verified = n_verified
            - ((SELECT status FROM verdict WHERE claim_id = old.id) IS 'verified'),
        n_disputed = n_disputed
            - ((SELECT status FROM verdict WHERE claim_id = old.id) IS 'disputed'),
        n_false = n_false - ((SELECT status FROM verdict WHERE claim_id = old.id) IS 'false'),
        n_misleading = n_misleading
            - ((SELECT status FROM verdict WHERE claim_id = old.id) IS 'misleading'),
        n_unverifiable = n_unverifiable
            - ((SELECT status FROM verdict WHERE claim_id = old.id) IS 'unverifiable')
    WHERE article_id = old.article_id;
END;

CREATE TRIGGER claim_tally_dismiss AFTER UPDATE OF dismissed ON claim
WHEN old.dismissed <> new.dismissed
BEGIN
    UPDATE article_tally SET
        n_claims = n_claims + (old.dismissed - new.dismissed),
        n_figure = n_figure + (old.dismissed - new.dismissed) * (new.kind = 'figure'),
        n_date = n_date + (old.dismissed - new.dismissed) * (new.kind = 'date'),
        n_quote = n_quote + (old.dismissed - new.dismissed) * (new.kind = 'quote'),
        n_unchecked = n_unchecked + (old.dismissed - new.dismissed)
            * (COALESCE((SELECT status FROM verdict WHERE claim_id = new.id), 'unchecked')
               = 'unchecked'),
        n_verified = n_verified + (old.dismissed - new.dismissed)
            * ((SELECT status FROM verdict WHERE claim_id = new.id) IS 'verified'),
        n_disputed = n_disputed + (old.dismissed - new.dismissed)
            * ((SELECT status FROM verdict WHERE claim_id = new.id) IS 'disputed'),
        n_false = n_false + (old.dismissed - new.dismissed)
            * ((SELECT status FROM verdict WHERE claim_id = new.id) IS 'false'),
        n_misleading = n_misleading + (old.dismissed - new.dismissed)
            * ((SELECT status FROM verdict WHERE claim_id = new.id) IS 'misleading'),
        n_unverifiable = n_unverifiable + (old.dismissed - new.dismissed)
            * ((SELECT status FROM verdict WHERE claim_id = new.id) IS 'unverifiable')
    WHERE article_id = new.article_id;
END;
