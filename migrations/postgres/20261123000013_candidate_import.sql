-- CSV imports of candidates (issue 4, item 6). The upload lives here, not in a node's memory or
-- disk, so the mapping, the check and the commit can run on any node and survive a restart.
-- A background task on every node claims queued jobs (`claimed_at`, like the mail outbox); a
-- claim older than a few minutes is from a node that died and is taken again.
CREATE TABLE candidate_imports (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id  BIGINT NOT NULL REFERENCES municipalities (id),
    user_id          BIGINT NOT NULL REFERENCES users (id),
    file_name        TEXT NOT NULL,
    csv_text         TEXT NOT NULL,
    -- JSON: the chosen field per column, in column order.
    mapping          TEXT NOT NULL,
    -- uploaded, check_queued, checking, checked, commit_queued, committing, saving, done
    state            TEXT NOT NULL,
    total_rows       BIGINT NOT NULL DEFAULT 0,
    processed_rows   BIGINT NOT NULL DEFAULT 0,
    -- JSON: the per-row report of the last check or commit attempt.
    report           TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    claimed_at       TIMESTAMPTZ
);
CREATE INDEX candidate_imports_queue ON candidate_imports (state, claimed_at);
CREATE INDEX candidate_imports_by_user ON candidate_imports (user_id, created_at);
