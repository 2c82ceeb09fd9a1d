-- Full-text search over candidates' title (weight A) and description (weight B).
--
-- A stored generated column, so it is computed for the rows already there and kept by the
-- database on every write. The 'simple' configuration only lower-cases: no stemming or stop
-- words tuned for one language, which would mangle Danish, German and Swedish words alike.
-- Punctuation becomes space first, so "CPR-nummer" and "kontoudtog.pdf" are split into words
-- the way SQLite's unicode61 tokenizer and the query side (candidates::query) split them.

ALTER TABLE candidates ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')), 'A')
    || setweight(to_tsvector('simple'::regconfig, regexp_replace(description, '[^[:alnum:]]+', ' ', 'g')), 'B')
) STORED;
CREATE INDEX candidates_search ON candidates USING GIN (search);

-- The list's other orders and filters (newest first is candidates_by_visibility and
-- candidates_by_municipality from the foundation).
CREATE INDEX candidates_by_created ON candidates (created_at, id);
CREATE INDEX candidates_by_department ON candidates (department_id);
CREATE INDEX candidates_by_reporter ON candidates (reporter_id);
-- Sorting by title walks this instead of sorting every visible row.
CREATE INDEX candidates_by_title ON candidates (lower(title), id);
