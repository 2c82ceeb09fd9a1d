-- The full candidate record (DESIGN.md, "Candidate"): every field group beyond the quick report.
-- All new columns are optional: a quick report is complete without them, and the record fills
-- in as the candidate advances. Contact details are personal data, sealed by app::crypto
-- (AUTOPORT_DATA_KEYS; `autoport reencrypt` re-seals them).

ALTER TABLE candidates ADD COLUMN problem_today TEXT;
ALTER TABLE candidates ADD COLUMN desired_outcome TEXT;
ALTER TABLE candidates ADD COLUMN external_id TEXT;
-- A classification code of the consortium's taxonomy; the KLE shape is NN.NN.NN.
ALTER TABLE candidates ADD COLUMN taxonomy_code TEXT;
ALTER TABLE candidates ADD COLUMN legal_basis TEXT;
ALTER TABLE candidates ADD COLUMN legal_verified_on DATE;
ALTER TABLE candidates ADD COLUMN owner_id BIGINT REFERENCES users (id);
ALTER TABLE candidates ADD COLUMN contact_name TEXT;
ALTER TABLE candidates ADD COLUMN contact_email TEXT;
ALTER TABLE candidates ADD COLUMN contact_phone TEXT;
ALTER TABLE candidates ADD COLUMN error_rate_pct DOUBLE PRECISION CHECK (error_rate_pct >= 0 AND error_rate_pct <= 100);
ALTER TABLE candidates ADD COLUMN rework_minutes DOUBLE PRECISION CHECK (rework_minutes >= 0);
ALTER TABLE candidates ADD COLUMN review_minutes DOUBLE PRECISION CHECK (review_minutes >= 0);
ALTER TABLE candidates ADD COLUMN automation_share_pct DOUBLE PRECISION CHECK (automation_share_pct >= 0 AND automation_share_pct <= 100);
-- Characteristics: NULL means "not known yet".
ALTER TABLE candidates ADD COLUMN input_digital BOOLEAN;
ALTER TABLE candidates ADD COLUMN input_structured BOOLEAN;
ALTER TABLE candidates ADD COLUMN rule_based BOOLEAN;
ALTER TABLE candidates ADD COLUMN stable BOOLEAN;
ALTER TABLE candidates ADD COLUMN exceptions_pct DOUBLE PRECISION CHECK (exceptions_pct >= 0 AND exceptions_pct <= 100);
ALTER TABLE candidates ADD COLUMN systems_count BIGINT CHECK (systems_count >= 0);
ALTER TABLE candidates ADD COLUMN build_cost DOUBLE PRECISION CHECK (build_cost >= 0);
ALTER TABLE candidates ADD COLUMN annual_run_cost DOUBLE PRECISION CHECK (annual_run_cost >= 0);
-- Never shown outside the candidate's municipality.
ALTER TABLE candidates ADD COLUMN internal_notes TEXT;
-- Import matches by external id within a municipality.
CREATE UNIQUE INDEX candidates_external_id ON candidates (municipality_id, external_id);

-- Multi-valued, free-text classifications; what is in use becomes the suggestions (the catalogue).
CREATE TABLE candidate_labels (
    candidate_id  BIGINT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('tag', 'subject_area', 'it_system', 'technology')),
    label         TEXT NOT NULL,
    PRIMARY KEY (candidate_id, kind, label)
);
CREATE INDEX candidate_labels_by_label ON candidate_labels (kind, label);
