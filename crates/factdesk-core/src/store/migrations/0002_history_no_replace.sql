-- Factdesk review store, schema version 2.
--
-- History is append-only against any statement. `INSERT OR REPLACE` (or `REPLACE`) into
-- the history would delete the event it collides with, by id or by the event it undoes,
-- without running the DELETE trigger; this trigger refuses such an insert before it
-- happens, in any program that opens the file.
CREATE TRIGGER history_is_append_only_replace BEFORE INSERT ON history
WHEN EXISTS (SELECT 1 FROM history WHERE id = new.id)
  OR (new.undoes IS NOT NULL AND EXISTS (SELECT 1 FROM history WHERE undoes = new.undoes))
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
