-- The utility matrix (DESIGN.md, "Utility matrix"): the consortium's scoring model in
-- versions, assessments of candidates, the backlogs' manual ranks and the decisions.

-- One row per published version. `definition` is the version's criteria, blend and
-- thresholds as JSON (scoring::model::Definition); a version never changes once published.
-- Version 1 is the default model, written by the first node that needs a model.
CREATE TABLE scoring_models (
    version       BIGINT PRIMARY KEY CHECK (version >= 1),
    definition    TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
    published_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    published_at  TIMESTAMPTZ NOT NULL
);

-- The editor's working copy of the next version, one for the consortium. `revision` counts
-- saves, so that two coordinators editing at once cannot overwrite each other unseen.
CREATE TABLE scoring_draft (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    definition    TEXT NOT NULL,
    based_on      BIGINT NOT NULL REFERENCES scoring_models (version),
    revision      BIGINT NOT NULL DEFAULT 1,
    updated_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Score snapshots, append-only: every assessment of a candidate, on the model version it
-- answered. `answers` is JSON ({criterion key: level, true/false or number}); the scores are
-- kept beside them for the backlog and the matrix, and equal what scoring::compute gives for
-- the answers on that version. `cause`: 'answers' (a coordinator answered) or 'model'
-- (re-scored onto a new version with the answers carried over).
CREATE TABLE assessments (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id       BIGINT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    model_version      BIGINT NOT NULL REFERENCES scoring_models (version),
    answers            TEXT NOT NULL,
    value_score        DOUBLE PRECISION NOT NULL CHECK (value_score BETWEEN 0 AND 100),
    feasibility_score  DOUBLE PRECISION NOT NULL CHECK (feasibility_score BETWEEN 0 AND 100),
    utility            DOUBLE PRECISION NOT NULL CHECK (utility BETWEEN 0 AND 100),
    quadrant           TEXT NOT NULL CHECK (quadrant IN ('quick_win', 'strategic', 'fill_in', 'reconsider')),
    knocked_out        BOOLEAN NOT NULL,
    cause              TEXT NOT NULL CHECK (cause IN ('answers', 'model')),
    note               TEXT CHECK (char_length(note) <= 2000),
    assessed_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    assessed_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX assessments_by_candidate ON assessments (candidate_id, id);

-- The candidate's current assessment: its newest snapshot.
ALTER TABLE candidates ADD COLUMN assessment_id BIGINT REFERENCES assessments (id);
CREATE INDEX candidates_by_assessment ON candidates (assessment_id) WHERE assessment_id IS NOT NULL;

-- A coordinator's manual place for a candidate in a backlog: 'municipality' (the candidate's
-- own municipality's backlog) or 'consortium' (the backlog of shared candidates). The computed
-- rank stays visible beside it, with the reason.
CREATE TABLE backlog_overrides (
    scope         TEXT NOT NULL CHECK (scope IN ('municipality', 'consortium')),
    candidate_id  BIGINT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    position      BIGINT NOT NULL CHECK (position BETWEEN 1 AND 100000),
    reason        TEXT NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 1000),
    set_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    set_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, candidate_id)
);

-- Decisions on candidates, append-only: by the municipality's coordinators or the
-- consortium's coordination group, with the rationale, the date and the meeting.
CREATE TABLE decisions (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id  BIGINT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    scope         TEXT NOT NULL CHECK (scope IN ('municipality', 'consortium')),
    outcome       TEXT NOT NULL CHECK (outcome IN ('approve', 'reject', 'defer', 'needs_analysis')),
    rationale     TEXT NOT NULL CHECK (char_length(rationale) BETWEEN 1 AND 4000),
    meeting       TEXT CHECK (char_length(meeting) <= 200),
    decided_on    DATE NOT NULL,
    recorded_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    recorded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX decisions_by_candidate ON decisions (candidate_id, id);
CREATE INDEX decisions_by_date ON decisions (scope, decided_on, id);
