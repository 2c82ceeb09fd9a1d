-- Lifecycle, history and conversation around a candidate: the reason for a status, the phases it
-- went through (time in phase is derived), an append-only audit trail, comments, followers and
-- the in-app notifications they receive.

ALTER TABLE candidates ADD COLUMN status_reason TEXT;
ALTER TABLE candidates ADD COLUMN duplicate_of BIGINT REFERENCES candidates (id);

-- One row per stay in a phase; the open stay has left_at NULL.
CREATE TABLE candidate_phases (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id  BIGINT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    phase         TEXT NOT NULL CHECK (phase IN ('idea', 'assessment', 'backlog', 'analysis', 'development',
                                                 'testing', 'operation', 'retired')),
    entered_at    TIMESTAMPTZ NOT NULL,
    left_at       TIMESTAMPTZ
);
CREATE INDEX candidate_phases_by_candidate ON candidate_phases (candidate_id, entered_at);
INSERT INTO candidate_phases (candidate_id, phase, entered_at)
    SELECT id, phase, created_at FROM candidates;

-- Who changed what, when. Values of personal-data fields are never written here (only that they
-- changed). Rows are never updated or deleted: the trigger below refuses it.
CREATE TABLE audit_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id  BIGINT NOT NULL REFERENCES candidates (id),
    actor_id      BIGINT REFERENCES users (id),
    at            TIMESTAMPTZ NOT NULL,
    field         TEXT NOT NULL,
    old_value     TEXT,
    new_value     TEXT
);
CREATE INDEX audit_events_by_candidate ON audit_events (candidate_id, id);
INSERT INTO audit_events (candidate_id, actor_id, at, field, old_value, new_value)
    SELECT id, reporter_id, created_at, 'created', NULL, title FROM candidates;
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE comments (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id  BIGINT NOT NULL REFERENCES candidates (id),
    author_id     BIGINT NOT NULL REFERENCES users (id),
    body          TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX comments_by_candidate ON comments (candidate_id, id);

CREATE TABLE follows (
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    candidate_id  BIGINT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, candidate_id)
);
CREATE INDEX follows_by_candidate ON follows (candidate_id);
-- Reporters follow what they reported.
INSERT INTO follows (user_id, candidate_id, created_at) SELECT reporter_id, id, created_at FROM candidates;

-- One row per follower and event. emailed_at / email_claimed_at drive the SMTP outbox: a node
-- claims a row before sending, so several nodes never send the same mail twice.
CREATE TABLE notifications (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    candidate_id      BIGINT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('comment', 'phase', 'status')),
    actor_id          BIGINT REFERENCES users (id),
    detail            TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    read_at           TIMESTAMPTZ,
    email_claimed_at  TIMESTAMPTZ,
    emailed_at        TIMESTAMPTZ
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE INDEX notifications_to_email ON notifications (emailed_at, email_claimed_at);
