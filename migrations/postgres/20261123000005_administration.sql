-- Administration: department paths for scoping by subtree, coordinators limited to departments,
-- erased people ("former employee").

-- Materialised path of ids from the root, '/3/7/12/': a department's subtree is every row whose
-- path starts with its own. Kept by identity::admin when departments are added or moved.
ALTER TABLE departments ADD COLUMN path TEXT NOT NULL DEFAULT '';
WITH RECURSIVE tree (id, path) AS (
    SELECT id, '/' || id || '/' FROM departments WHERE parent_id IS NULL
    UNION ALL
    SELECT d.id, tree.path || d.id || '/' FROM departments d JOIN tree ON d.parent_id = tree.id
)
UPDATE departments SET path = tree.path FROM tree WHERE tree.id = departments.id;
CREATE INDEX departments_by_path ON departments (path text_pattern_ops);
-- Sibling names are unique (case-insensitive), so a CSV row can name a department by its path.
CREATE UNIQUE INDEX departments_unique_sibling_name
    ON departments (municipality_id, COALESCE(parent_id, 0), lower(name));

-- A coordinator with rows here oversees only these departments and their subtrees; without
-- rows, the whole municipality.
CREATE TABLE coordinator_departments (
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    department_id  BIGINT NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, department_id)
);
CREATE INDEX coordinator_departments_by_department ON coordinator_departments (department_id);

-- Set when an admin erases the person: name, e-mail and sign-in data are gone, the row stays so
-- that history keeps its references and shows "former employee".
ALTER TABLE users ADD COLUMN erased_at TIMESTAMPTZ;
