-- Factdesk review store, schema version 7: changes from the desk not yet seen here.
--
-- When a pull gives a claim a verdict someone made on another database, the event that
-- gave it is kept here until the editor has looked at the claim, so the app can say
-- "changed by Ana while you were offline". One row per claim: the event whose verdict
-- the claim has now.
CREATE TABLE desk_unseen (
    claim_id    INTEGER PRIMARY KEY REFERENCES claim (id) ON DELETE CASCADE,
    history_id  INTEGER NOT NULL REFERENCES history (id)
);
