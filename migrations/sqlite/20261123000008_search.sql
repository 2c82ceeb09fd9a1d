-- Full-text search over candidates' title and description (FTS5, external content: the text
-- stays in `candidates`, the index holds only tokens). Triggers keep it in step with every
-- insert, delete and change of the two columns; the 'rebuild' indexes the rows already there.
--
-- unicode61 without diacritic removal: it lower-cases (also Æ, Ø, Å, Ä, Ö) but keeps "år" and
-- "ar" apart, the same as PostgreSQL's 'simple' configuration, so both backends find the same rows.

CREATE VIRTUAL TABLE candidates_fts USING fts5 (
    title,
    description,
    content = 'candidates',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO candidates_fts (candidates_fts) VALUES ('rebuild');

CREATE TRIGGER candidates_fts_after_insert AFTER INSERT ON candidates BEGIN
    INSERT INTO candidates_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;

CREATE TRIGGER candidates_fts_after_delete AFTER DELETE ON candidates BEGIN
    INSERT INTO candidates_fts (candidates_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
END;

CREATE TRIGGER candidates_fts_after_update AFTER UPDATE OF title, description ON candidates BEGIN
    INSERT INTO candidates_fts (candidates_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
    INSERT INTO candidates_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;

-- The list's other orders and filters (newest first is candidates_by_visibility and
-- candidates_by_municipality from the foundation).
CREATE INDEX candidates_by_created ON candidates (created_at, id);
CREATE INDEX candidates_by_department ON candidates (department_id);
CREATE INDEX candidates_by_reporter ON candidates (reporter_id);
-- Sorting by title walks this instead of sorting every visible row.
CREATE INDEX candidates_by_title ON candidates (lower(title), id);
