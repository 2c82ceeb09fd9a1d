-- The utility matrix (DESIGN.md, "Utility matrix"): the consortium's scoring model in
-- versions, assessments of candidates, the backlogs' manual ranks and the decisions.

-- One row per published version. `definition` is the version's criteria, blend and
-- thresholds as JSON (scoring::model::Definition); a version never changes once published.
-- Version 1 is the default model, written by the first node that needs a model.
CREATE TABLE scoring_models (
    version       INTEGER PRIMARY KEY CHECK (version >= 1),
    definition    TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    published_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    published_at  TEXT NOT NULL
);

-- The editor's working copy of the next version, one for the consortium. `revision` counts
-- saves, so that two coordinators editing at once cannot overwrite each other unseen.
CREATE TABLE scoring_draft (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    definition    TEXT NOT NULL,
    based_on      INTEGER NOT NULL REFERENCES scoring_models (version),
    revision      INTEGER NOT NULL DEFAULT 1,
    updated_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at    TEXT NOT NULL
);

-- Score snapshots, append-only: every assessment of a candidate, on the model version it
-- answered. `answers` is JSON ({criterion key: level, true/false or number}); the scores are
-- kept beside them for the backlog and the matrix, and equal what scoring::compute gives for
-- the answers on that version. `cause`: 'answers' (a coordinator answered) or 'model'
-- (re-scored onto a new version with the answers carried over).
CREATE TABLE assessments (
    id                 INTEGER PRIMARY KEY,
    candidate_id       INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    model_version      INTEGER NOT NULL REFERENCES scoring_models (version),
    answers            TEXT NOT NULL,
    value_score        REAL NOT NULL CHECK (value_score BETWEEN 0 AND 100),
    feasibility_score  REAL NOT NULL CHECK (feasibility_score BETWEEN 0 AND 100),
    utility            REAL NOT NULL CHECK (utility BETWEEN 0 AND 100),
    quadrant           TEXT NOT NULL CHECK (quadrant IN ('quick_win', 'strategic', 'fill_in', 'reconsider')),
    knocked_out        INTEGER NOT NULL CHECK (knocked_out IN (0, 1)),
    cause              TEXT NOT NULL CHECK (cause IN ('answers', 'model')),
    note               TEXT CHECK (length(note) <= 2000),
    assessed_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    assessed_at        TEXT NOT NULL
);
CREATE INDEX assessments_by_candidate ON assessments (candidate_id, id);

-- The candidate's current assessment: its newest snapshot.
ALTER TABLE candidates ADD COLUMN assessment_id INTEGER REFERENCES assessments (id);
CREATE INDEX candidates_by_assessment ON candidates (assessment_id) WHERE assessment_id IS NOT NULL;

-- A coordinator's manual place for a candidate in a backlog: 'municipality' (the candidate's
-- own municipality's backlog) or 'consortium' (the backlog of shared candidates). The computed
-- rank stays visible beside it, with the reason.
CREATE TABLE backlog_overrides (
    scope         TEXT NOT NULL CHECK (scope IN ('municipality', 'consortium')),
    candidate_id  INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position BETWEEN 1 AND 100000),
    reason        TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    set_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    set_at        TEXT NOT NULL,
    PRIMARY KEY (scope, candidate_id)
);

-- Decisions on candidates, append-only: by the municipality's coordinators or the
-- consortium's coordination group, with the rationale, the date and the meeting.
CREATE TABLE decisions (
    id            INTEGER PRIMARY KEY,
    candidate_id  INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    scope         TEXT NOT NULL CHECK (scope IN ('municipality', 'consortium')),
    outcome       TEXT NOT NULL CHECK (outcome IN ('approve', 'reject', 'defer', 'needs_analysis')),
    rationale     TEXT NOT NULL CHECK (length(rationale) BETWEEN 1 AND 4000),
    meeting       TEXT CHECK (length(meeting) <= 200),
    decided_on    TEXT NOT NULL,
    recorded_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX decisions_by_candidate ON decisions (candidate_id, id);
CREATE INDEX decisions_by_date ON decisions (scope, decided_on, id);
