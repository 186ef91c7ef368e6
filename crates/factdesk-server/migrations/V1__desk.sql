-- The desk: one newsroom's shared articles, claims and history.
--
-- Every article and history event takes its place in one order, `stream_seq`: a database
-- pulls what comes after the last place it applied. Pushes take `pg_advisory_xact_lock`
-- before drawing from the sequence, so places are committed in increasing order and a
-- reader never sees a later place before an earlier one.
CREATE SEQUENCE stream_seq;

CREATE TABLE users (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (name <> ''),
    role        text NOT NULL CHECK (role IN ('checker', 'editor', 'admin')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Bearer tokens: only the SHA-256 of each is kept. A revoked token stops working at once.
CREATE TABLE tokens (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    hash        bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE articles (
    uid           uuid PRIMARY KEY,
    seq           bigint NOT NULL UNIQUE,
    content_hash  text NOT NULL UNIQUE,
    title         text NOT NULL,
    byline        text,
    outlet        text,
    url           text,
    published     date,
    body          text NOT NULL,
    published_by  bigint NOT NULL REFERENCES users (id),
    published_at  timestamptz NOT NULL DEFAULT now()
);

-- A claim as it was published: the desk's `DeskClaim` (kind, span, text, value, speaker,
-- origin, dismissal). What happens to it later is in `events`.
CREATE TABLE claims (
    uid      uuid PRIMARY KEY,
    article  uuid NOT NULL REFERENCES articles (uid),
    body     jsonb NOT NULL
);
CREATE INDEX claims_article ON claims (article);

-- The history: append-only (the triggers below refuse any update, delete or truncate,
-- whoever asks).
CREATE TABLE events (
    seq          bigint PRIMARY KEY,
    uid          uuid NOT NULL UNIQUE,
    claim        uuid NOT NULL REFERENCES claims (uid),
    change       uuid NOT NULL,
    at           timestamptz NOT NULL,
    user_id      bigint NOT NULL REFERENCES users (id),
    field        text NOT NULL,
    before       jsonb NOT NULL,
    after        jsonb NOT NULL,
    undoes       uuid REFERENCES events (uid),
    received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_claim ON events (claim);

CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the desk''s % are append-only', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER articles_append_only BEFORE UPDATE OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER articles_no_truncate BEFORE TRUNCATE ON articles
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER claims_append_only BEFORE UPDATE OR DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER claims_no_truncate BEFORE TRUNCATE ON claims
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();

CREATE TABLE assignments (
    id           bigserial PRIMARY KEY,
    article      uuid NOT NULL REFERENCES articles (uid),
    assignee     bigint NOT NULL REFERENCES users (id),
    assigned_by  bigint NOT NULL REFERENCES users (id),
    deadline     timestamptz,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignments_assignee ON assignments (assignee, deadline);

CREATE TABLE signoffs (
    article  uuid NOT NULL REFERENCES articles (uid),
    editor   bigint NOT NULL REFERENCES users (id),
    at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article, editor)
);

CREATE TABLE comments (
    id       bigserial PRIMARY KEY,
    claim    uuid NOT NULL REFERENCES claims (uid),
    user_id  bigint NOT NULL REFERENCES users (id),
    body     text NOT NULL CHECK (body <> ''),
    at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_claim ON comments (claim, id);
