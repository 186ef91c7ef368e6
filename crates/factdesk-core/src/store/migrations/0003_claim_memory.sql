-- Factdesk review store, schema version 3: claim memory.
--
-- Normalized keys that find the earlier claims in the library stating the same thing as
-- a claim: for a quote, a hash of its words and of every third run of four words (so the
-- same words are found whatever their case, punctuation or ellipses, and a partial quote
-- of six words or more finds the longer quote it is part of); for a figure, a hash of its unit with each word of its
-- subject (the words around it); for a date, a hash of each subject word. A key is a
-- 64-bit hash, so the table holds two integers a row; candidates it finds are always
-- compared in full before they are shown.
CREATE TABLE claim_memory (
    key       INTEGER NOT NULL,
    claim_id  INTEGER NOT NULL,
    PRIMARY KEY (key, claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_memory_claim ON claim_memory (claim_id);

CREATE TRIGGER claim_memory_delete AFTER DELETE ON claim
BEGIN
    DELETE FROM claim_memory WHERE claim_id = old.id;
END;

-- Claims stored before this version get their keys the first time this version opens
-- the file (the keys are computed by Factdesk, not SQL); a row here says that is pending.
CREATE TABLE claim_memory_pending (since INTEGER NOT NULL);
INSERT INTO claim_memory_pending (since) SELECT 0 WHERE EXISTS (SELECT 1 FROM claim);
