//! What the backlog, decision and matrix pages receive, and the forms they send.

use crate::candidates::model::Phase;
use crate::identity::model::PersonRef;
use crate::scoring::compute::Quadrant;
use crate::scoring::model::Scope;
use serde::{Deserialize, Serialize};

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

string_enum!(
    /// What a decision decided.
    Outcome {
        Approve = "approve",
        Reject = "reject",
        Defer = "defer",
        NeedsAnalysis = "needs_analysis",
    }
);

/// The phases a backlog holds: before development starts.
pub const BACKLOG_PHASES: [Phase; 4] = [Phase::Idea, Phase::Assessment, Phase::Backlog, Phase::Analysis];

/// Longest rationale and meeting name (as the migration allows).
pub const RATIONALE_MAX: u32 = 4000;
pub const MEETING_MAX: u32 = 200;
pub const REASON_MAX: u32 = 1000;
pub const POSITION_MAX: i64 = 100_000;

/// The newest decision on a candidate in a scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatestDecision {
    pub outcome: Outcome,
    #[serde(with = "iso_date")]
    pub decided_on: time::Date,
}

/// One candidate in a backlog or the matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BacklogRow {
    pub id: i64,
    pub title: String,
    pub municipality: String,
    pub department: Option<String>,
    pub department_id: Option<i64>,
    pub phase: Phase,
    pub quadrant: Quadrant,
    pub value: f64,
    pub feasibility: f64,
    pub utility: f64,
    pub knocked_out: bool,
    /// The final place (1-based); `None` for knocked-out candidates.
    pub rank: Option<u32>,
    /// The place by utility alone, when it differs or an override is set.
    pub computed_rank: Option<u32>,
    /// The manual position and its reason, when a coordinator set one.
    pub manual: Option<(u32, String)>,
    /// The candidate's annual benefit money (None while the automation share is missing).
    pub consortium_value: Option<f64>,
    pub currency: String,
    pub latest_decision: Option<LatestDecision>,
    /// Whether the reader may override this row's rank in this scope.
    pub may_prioritise: bool,
}

/// How the consortium backlog is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum BacklogSort {
    #[default]
    Utility,
    ConsortiumValue,
}

/// The backlog's filters, read from the page's query string.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct BacklogFilter {
    pub quadrant: Option<Quadrant>,
    pub phase: Option<Phase>,
    pub department: Option<i64>,
    pub sort: BacklogSort,
}

impl BacklogFilter {
    /// Unknown or empty values are no filter (a hand-typed URL never fails the page).
    pub fn parse(quadrant: &str, phase: &str, department: &str, sort: &str) -> BacklogFilter {
        BacklogFilter {
            quadrant: Quadrant::from_key(quadrant),
            phase: Phase::parse(phase).filter(|p| BACKLOG_PHASES.contains(p)),
            department: department.trim().parse().ok(),
            sort: if sort == "value" { BacklogSort::ConsortiumValue } else { BacklogSort::Utility },
        }
    }

    /// Whether the row passes; `subtree` is the chosen department and every department below
    /// it (the list page's department filter works the same way).
    pub fn keeps(&self, row: &BacklogRow, subtree: &[i64]) -> bool {
        self.quadrant.is_none_or(|q| q == row.quadrant)
            && self.phase.is_none_or(|p| p == row.phase)
            && (self.department.is_none() || row.department_id.is_some_and(|d| subtree.contains(&d)))
    }
}

/// A backlog page: the ranked rows, the knocked-out ones apart, and the departments to filter by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backlog {
    pub scope: Scope,
    pub rows: Vec<BacklogRow>,
    pub stopped: Vec<BacklogRow>,
    pub departments: Vec<(i64, String)>,
}

/// The matrix: every visible candidate of the backlog (utility order), the current model's
/// thresholds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatrixData {
    pub scope: Scope,
    pub rows: Vec<BacklogRow>,
    pub value_threshold: f64,
    pub feasibility_threshold: f64,
    pub departments: Vec<(i64, String)>,
}

/// A recorded decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: i64,
    pub candidate_id: i64,
    pub candidate_title: String,
    pub scope: Scope,
    pub outcome: Outcome,
    pub rationale: String,
    pub meeting: Option<String>,
    #[serde(with = "iso_date")]
    pub decided_on: time::Date,
    pub recorded_by: Option<PersonRef>,
}

/// The decisions on one candidate and the scopes the reader may decide in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateDecisions {
    pub decisions: Vec<Decision>,
    pub may_decide_in: Vec<Scope>,
    #[serde(with = "iso_date")]
    pub today: time::Date,
}

/// The decision form, as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct DecisionForm {
    pub candidate_id: i64,
    pub scope: String,
    pub outcome: String,
    pub rationale: String,
    #[serde(default)]
    pub meeting: String,
    #[serde(default)]
    pub decided_on: String,
}

/// The rank override form, as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct OverrideForm {
    pub scope: String,
    pub candidate_id: i64,
    pub position: String,
    pub reason: String,
}

/// The decision log's filters, as typed (GET).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct DecisionLogQuery {
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub outcome: String,
}

impl Outcome {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::scoring::texts::texts(locale);
        match self {
            Outcome::Approve => t.outcome_approve,
            Outcome::Reject => t.outcome_reject,
            Outcome::Defer => t.outcome_defer,
            Outcome::NeedsAnalysis => t.outcome_needs_analysis,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_leniently() {
        let f = BacklogFilter::parse("quick_win", "backlog", " 7 ", "value");
        assert_eq!(f.quadrant, Some(Quadrant::QuickWin));
        assert_eq!(f.phase, Some(Phase::Backlog));
        assert_eq!(f.department, Some(7));
        assert_eq!(f.sort, BacklogSort::ConsortiumValue);
        // Unknown values, and phases after the backlog's, are no filter.
        assert_eq!(BacklogFilter::parse("best", "operation", "x", "?"), BacklogFilter::default());
    }
}
