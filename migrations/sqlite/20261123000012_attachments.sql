-- Files attached to a candidate, kept in the database so that every node serves them and none
-- keeps files of its own. `visibility`: 'municipality' = the candidate's own municipality only;
-- 'shared' = everyone who may see the candidate. The uploader stays linked after erasure (the
-- user row stays, without name or e-mail, and shows as "former employee"), like the authors of
-- comments; NULL only if a user row were ever deleted.
CREATE TABLE candidate_attachments (
    id            INTEGER PRIMARY KEY,
    candidate_id  INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    uploaded_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    file_name     TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
    content_type  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    visibility    TEXT NOT NULL CHECK (visibility IN ('municipality', 'shared')),
    data          BLOB NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX candidate_attachments_by_candidate ON candidate_attachments (candidate_id, id);
