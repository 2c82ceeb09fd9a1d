//! CSV import of candidates: upload, column mapping, a dry run with a per-row report, and an
//! all-or-nothing commit that upserts by external id within the importer's municipality.
//!
//! The upload is kept in the database (`candidate_imports`), so every step works on any node
//! and survives a restart. Small files are checked in the request; larger ones by a background
//! task that claims the job (see [`store::claim`]) and records its progress as it goes.

use crate::common::error::FieldError;
use serde::{Deserialize, Serialize};

pub mod mapping;
pub mod pages;

/// Plain axum routes of this feature, merged by the server.
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod parse;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

/// The largest file accepted (the request body limit is 8 MiB).
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
/// The most rows a file may have below its column names.
pub const MAX_ROWS: usize = 10_000;
/// Files up to this many rows are checked and written while the request waits; larger ones
/// by the background task, with a progress bar.
pub const INLINE_ROWS: usize = 200;
/// Rows of the report the page lists besides every row with a problem.
pub const REPORT_ROWS_SHOWN: usize = 500;

string_enum!(
    /// What a column of the file is imported as.
    Field {
        Ignore = "ignore",
        Id = "id",
        ExternalId = "external_id",
        Title = "title",
        Description = "description",
        Department = "department",
        Volume = "volume",
        Period = "period",
        MinutesPerCase = "minutes_per_case",
        Visibility = "visibility",
        ProblemToday = "problem_today",
        DesiredOutcome = "desired_outcome",
        TaxonomyCode = "taxonomy_code",
        Tags = "tags",
        SubjectAreas = "subject_areas",
        LegalBasis = "legal_basis",
    }
);

string_enum!(
    /// Where a job is. `*_queued` wait for a worker; `checking`, `committing` and `saving` are
    /// claimed by one (a stale claim is taken again).
    JobState {
        Uploaded = "uploaded",
        CheckQueued = "check_queued",
        Checking = "checking",
        Checked = "checked",
        CommitQueued = "commit_queued",
        Committing = "committing",
        Saving = "saving",
        Done = "done",
    }
);

impl JobState {
    /// A worker has it or will take it: the page shows progress and no buttons.
    pub fn is_busy(self) -> bool {
        matches!(
            self,
            JobState::CheckQueued
                | JobState::Checking
                | JobState::CommitQueued
                | JobState::Committing
                | JobState::Saving
        )
    }
}

string_enum!(
    /// What a row does (or would do). `skipped`: the id of another municipality's candidate
    /// (or of none at all), left alone.
    RowAction {
        Create = "create",
        Update = "update",
        Unchanged = "unchanged",
        Skipped = "skipped",
        Error = "error",
    }
);

/// One row of the report. Errors name a [`Field`] (`title`, `volume`, …) or `row`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowReport {
    /// The line of the file the row starts on (the column names are line 1).
    pub line: u64,
    pub label: String,
    pub action: RowAction,
    pub errors: Vec<FieldError>,
    /// The candidate created or updated (after a commit) or matched.
    pub candidate_id: Option<i64>,
}

/// A problem with the whole file rather than a row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    Empty,
    TooLarge {
        max_bytes: usize,
    },
    TooManyRows {
        max: usize,
    },
    Unreadable {
        line: u64,
    },
    /// No column is imported as a title, description, … although a new row needs it.
    MissingField(Field),
    /// Two columns are imported as the same field.
    MappedTwice(Field),
    /// Candidates changed between the check and the write: nothing was written.
    ChangedMeanwhile,
    /// The uploader may no longer import (a role was taken away since the upload).
    NotAllowed,
}

/// The outcome of a check or a commit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub problems: Vec<FileProblem>,
    pub rows: Vec<RowReport>,
    pub committed: bool,
}

impl ImportReport {
    pub fn count(&self, action: RowAction) -> usize {
        self.rows.iter().filter(|r| r.action == action).count()
    }

    pub fn has_errors(&self) -> bool {
        !self.problems.is_empty() || self.rows.iter().any(|r| r.action == RowAction::Error)
    }
}

/// One column of the file and what it is imported as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub field: Field,
}

/// How far a job is, for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub state: JobState,
    pub total_rows: u64,
    pub processed_rows: u64,
}

/// The job page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: i64,
    pub file_name: String,
    pub progress: Progress,
    pub columns: Vec<Column>,
    pub report: Option<ImportReport>,
}

/// The mapping form as posted: one `field` per column, in column order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MappingForm {
    pub job: i64,
    #[serde(default)]
    pub fields: Vec<String>,
}
pub mod server_fns;
