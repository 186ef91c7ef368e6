-- Assignments, sign-offs and comments take places in the desk's one stream, as articles
-- and history events do, so every database pulls them in order and has them offline.
-- Each write draws its place under the same advisory lock as pushes (held to commit), so
-- a reader never sees a later place before an earlier one. Rows written before this
-- migration get places now, after everything already in the stream.
--
-- They are append-only: a sign-off and a comment are never edited, and a reassignment is
-- a new assignment row (the latest place of an article stands).
SELECT pg_advisory_xact_lock(1178880817);

ALTER TABLE assignments ADD COLUMN seq bigint UNIQUE;
ALTER TABLE signoffs ADD COLUMN seq bigint UNIQUE;
ALTER TABLE comments ADD COLUMN seq bigint UNIQUE;

UPDATE assignments SET seq = nextval('stream_seq')
    WHERE id IN (SELECT id FROM assignments ORDER BY id);
UPDATE signoffs SET seq = p.seq FROM (
    SELECT article, editor, nextval('stream_seq') AS seq
    FROM (SELECT article, editor FROM signoffs ORDER BY at, article, editor) o
) p WHERE signoffs.article = p.article AND signoffs.editor = p.editor;
UPDATE comments SET seq = nextval('stream_seq')
    WHERE id IN (SELECT id FROM comments ORDER BY id);

ALTER TABLE assignments ALTER COLUMN seq SET NOT NULL;
ALTER TABLE signoffs ALTER COLUMN seq SET NOT NULL;
ALTER TABLE comments ALTER COLUMN seq SET NOT NULL;

CREATE TRIGGER assignments_append_only BEFORE UPDATE OR DELETE ON assignments
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER assignments_no_truncate BEFORE TRUNCATE ON assignments
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER signoffs_append_only BEFORE UPDATE OR DELETE ON signoffs
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER signoffs_no_truncate BEFORE TRUNCATE ON signoffs
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER comments_append_only BEFORE UPDATE OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER comments_no_truncate BEFORE TRUNCATE ON comments
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
