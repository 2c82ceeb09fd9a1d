-- Foundation: member municipalities, their department trees, users with roles, candidates.
-- Timestamps are RFC 3339 text in UTC; enumerations are checked names.

CREATE TABLE municipalities (
    id                     INTEGER PRIMARY KEY,
    code                   TEXT NOT NULL UNIQUE,
    name                   TEXT NOT NULL UNIQUE,
    working_days_per_year  REAL NOT NULL DEFAULT 220 CHECK (working_days_per_year > 0 AND working_days_per_year <= 366),
    hours_per_day          REAL NOT NULL DEFAULT 7.4 CHECK (hours_per_day > 0 AND hours_per_day <= 24),
    created_at             TEXT NOT NULL
);

CREATE TABLE departments (
    id               INTEGER PRIMARY KEY,
    municipality_id  INTEGER NOT NULL REFERENCES municipalities (id),
    parent_id        INTEGER REFERENCES departments (id),
    name             TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX departments_by_municipality ON departments (municipality_id);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    municipality_id  INTEGER NOT NULL REFERENCES municipalities (id),
    email            TEXT NOT NULL UNIQUE,          -- always stored lower-case
    display_name     TEXT NOT NULL,
    password_hash    TEXT,                          -- argon2 PHC string; NULL for single sign-on only
    created_at       TEXT NOT NULL
);
CREATE INDEX users_by_municipality ON users (municipality_id);

CREATE TABLE user_roles (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('reporter', 'coordinator', 'consortium_coordinator',
                                           'municipality_admin', 'consortium_admin')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE candidates (
    id                INTEGER PRIMARY KEY,
    municipality_id   INTEGER NOT NULL REFERENCES municipalities (id),
    department_id     INTEGER REFERENCES departments (id),
    reporter_id       INTEGER NOT NULL REFERENCES users (id),
    title             TEXT NOT NULL,
    description       TEXT NOT NULL,
    volume            REAL NOT NULL CHECK (volume >= 0),
    period            TEXT NOT NULL CHECK (period IN ('hour', 'day', 'week', 'month', 'quarter', 'year')),
    minutes_per_case  REAL NOT NULL CHECK (minutes_per_case >= 0),
    phase             TEXT NOT NULL DEFAULT 'idea'
                      CHECK (phase IN ('idea', 'assessment', 'backlog', 'analysis', 'development',
                                       'testing', 'operation', 'retired')),
    status            TEXT NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'on_hold', 'rejected', 'failed', 'duplicate',
                                        'no_longer_relevant')),
    visibility        TEXT NOT NULL DEFAULT 'municipality'
                      CHECK (visibility IN ('private', 'municipality', 'consortium', 'public')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX candidates_by_municipality ON candidates (municipality_id, created_at);
CREATE INDEX candidates_by_visibility ON candidates (visibility, created_at);

-- Sessions of tower-sessions' sqlx store (its own layout), kept in our history so that every
-- node starts against the same, already migrated schema.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY NOT NULL,
    data         BLOB NOT NULL,
    expiry_date  INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expiry_date);
