//! Candidate types shared by server and browser: plain serde values, no secrets.

pub use crate::common::enums::Visibility;
use serde::{Deserialize, Serialize};

string_enum!(
    /// How often `volume` cases arrive.
    Period { Hour = "hour", Day = "day", Week = "week", Month = "month", Quarter = "quarter", Year = "year" }
);

string_enum!(
    /// Where a candidate is in its life, in order.
    Phase {
        Idea = "idea",
        Assessment = "assessment",
        Backlog = "backlog",
        Analysis = "analysis",
        Development = "development",
        Testing = "testing",
        Operation = "operation",
        Retired = "retired",
    }
);

string_enum!(
    /// How the candidate is doing inside its phase; all but `active` need a reason.
    Status {
        Active = "active",
        OnHold = "on_hold",
        Rejected = "rejected",
        Failed = "failed",
        Duplicate = "duplicate",
        NoLongerRelevant = "no_longer_relevant",
    }
);

// Dates travel as ISO 8601 text ("2026-03-05"), for the JSON API and server functions alike,
// instead of time's default (year, day of the year) pair, which no API client expects.
time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// A municipality's working-time settings, which turn volumes into hours.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkingTime {
    pub working_days_per_year: f64,
    pub hours_per_day: f64,
}

/// One row of the candidate list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CandidateSummary {
    pub id: i64,
    pub title: String,
    pub municipality: String,
    pub department: Option<String>,
    pub phase: Phase,
    pub status: Status,
    pub visibility: Visibility,
    pub manual_hours_per_year: f64,
    #[serde(with = "iso_date")]
    pub created_on: time::Date,
}

/// Everything the detail page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CandidateDetail {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub municipality: String,
    pub department: Option<String>,
    pub reporter: crate::identity::model::PersonRef,
    pub volume: f64,
    pub period: Period,
    pub minutes_per_case: f64,
    pub phase: Phase,
    pub status: Status,
    pub status_reason: Option<String>,
    pub duplicate_of: Option<i64>,
    pub visibility: Visibility,
    pub working_time: WorkingTime,
    /// The candidate's municipality's rates for the benefit and cost figures.
    pub economics: crate::candidates::benefit::Economics,
    #[serde(with = "iso_date")]
    pub created_on: time::Date,
    /// Every stay in a phase, oldest first; the last one is the current phase.
    pub phases: Vec<PhaseStay>,
    pub comments: Vec<Comment>,
    pub followers: i64,
    /// What the person looking may do here.
    pub viewer: Viewer,
    /// Every field group beyond the quick report, trimmed for the reader.
    pub record: crate::candidates::record::model::CandidateRecord,
    /// For the edit form; only the candidate's municipality knows its departments.
    pub department_id: Option<i64>,
}

/// What the person looking at a candidate may do with it; the server checks again on every write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Viewer {
    pub signed_in: bool,
    pub following: bool,
    pub may_move: bool,
    pub may_edit: bool,
    pub may_comment: bool,
    /// The history names people and internal fields: the candidate's own municipality only.
    pub may_see_history: bool,
}

/// One stay of a candidate in a phase.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PhaseStay {
    pub phase: Phase,
    #[serde(with = "iso_date")]
    pub entered_on: time::Date,
    #[serde(with = "iso_date::option")]
    pub left_on: Option<time::Date>,
    /// Whole days spent (so far, for the current phase).
    pub days: i64,
}

/// A comment as the reader may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Comment {
    pub id: i64,
    pub author: crate::identity::model::PersonRef,
    pub municipality: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
}

/// One audit event: who changed which field when, from what to what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryEvent {
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub actor: crate::identity::model::PersonRef,
    /// `created`, `phase`, `status`, `status_reason`, `duplicate_of`, `comment`, or a field name.
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

string_enum!(
    /// What happened on a followed candidate.
    NotificationKind { Comment = "comment", Phase = "phase", Status = "status" }
);

/// Something that happened on a candidate the reader follows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    pub candidate_id: i64,
    pub candidate_title: String,
    pub kind: NotificationKind,
    pub actor: crate::identity::model::PersonRef,
    /// The new phase or status name, or the start of the comment.
    pub detail: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub unread: bool,
}

/// A new comment as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentForm {
    pub candidate_id: i64,
    pub body: String,
}

/// The move form as typed: a phase, a status, a reason and, for duplicates, the original.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TransitionForm {
    pub candidate_id: i64,
    pub phase: String,
    pub status: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub duplicate_of: String,
}

impl CandidateDetail {
    /// Annual volume, manual hours (with errors, rework and review) and FTE.
    pub fn figures(&self) -> crate::candidates::volumetrics::Figures {
        self.benefit().figures
    }

    /// The benefit and cost figures of DESIGN.md from the record and the municipality's settings.
    pub fn benefit(&self) -> crate::candidates::benefit::Benefit {
        use crate::candidates::benefit::{Benefit, Inputs};
        let r = &self.record;
        let inputs = Inputs {
            volume: self.volume,
            period: self.period,
            handling_minutes: self.minutes_per_case,
            error_rate_pct: r.error_rate_pct,
            rework_minutes: r.rework_minutes,
            review_minutes: r.review_minutes,
            automation_share_pct: r.automation_share_pct,
            build_cost: r.build_cost,
            annual_run_cost: r.annual_run_cost,
        };
        Benefit::compute(&inputs, self.working_time, &self.economics)
    }
}

/// The quick report form as typed. Numbers arrive as text so that "12,5" from a Danish
/// keyboard becomes a field message rather than an undecodable request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CandidateForm {
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub department_id: String,
    pub volume: String,
    pub period: String,
    pub minutes_per_case: String,
    pub visibility: String,
}

/// A department the reporter may choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentChoice {
    pub id: i64,
    /// The path from the top of the tree, e.g. "Social services › Benefits".
    pub label: String,
}

/// What the report form needs to know about the person filling it in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportContext {
    pub departments: Vec<DepartmentChoice>,
    pub working_time: WorkingTime,
}

/// One page of a search of the list, with the query as it was applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidatePage {
    pub query: crate::candidates::search::model::CandidateQuery,
    /// What of the query was not used as given, for the page to say so.
    pub notes: Vec<crate::candidates::search::model::QueryNote>,
    pub items: Vec<CandidateSummary>,
    /// Matching candidates on all pages; with `more`, at least this many.
    pub total: u64,
    /// Counting stopped ten pages after this one (two with text or a filter): there are more than `total`.
    pub more: bool,
    /// The page shown, from 1.
    pub page: u32,
    /// How many pages there are; 1 for an empty result.
    pub pages: u32,
}

/// A municipality to filter by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityChoice {
    pub id: i64,
    pub name: String,
}

/// What the list page shows: the results and the choices of its filter form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateListView {
    pub results: CandidatePage,
    /// The signed-in person's own municipality's departments; none for visitors.
    pub departments: Vec<DepartmentChoice>,
    pub municipalities: Vec<MunicipalityChoice>,
    /// Labels in use on candidates the person may see, as suggestions for the label filters.
    pub labels: LabelSuggestions,
    pub signed_in: bool,
    /// Shows the link to the CSV import.
    #[serde(default)]
    pub may_import: bool,
}

/// Subject areas, IT systems and technologies in use, in alphabetical order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSuggestions {
    pub subject_areas: Vec<String>,
    pub it_systems: Vec<String>,
    pub technologies: Vec<String>,
}

impl Period {
    /// "per hour" and so on, in `locale`.
    pub fn per_label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::candidates::texts::texts(locale);
        match self {
            Period::Hour => t.period_hour_per,
            Period::Day => t.period_day_per,
            Period::Week => t.period_week_per,
            Period::Month => t.period_month_per,
            Period::Quarter => t.period_quarter_per,
            Period::Year => t.period_year_per,
        }
    }

    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::candidates::texts::texts(locale);
        match self {
            Period::Hour => t.period_hour,
            Period::Day => t.period_day,
            Period::Week => t.period_week,
            Period::Month => t.period_month,
            Period::Quarter => t.period_quarter,
            Period::Year => t.period_year,
        }
    }
}

impl Phase {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::candidates::texts::texts(locale);
        match self {
            Phase::Idea => t.phase_idea,
            Phase::Assessment => t.phase_assessment,
            Phase::Backlog => t.phase_backlog,
            Phase::Analysis => t.phase_analysis,
            Phase::Development => t.phase_development,
            Phase::Testing => t.phase_testing,
            Phase::Operation => t.phase_operation,
            Phase::Retired => t.phase_retired,
        }
    }
}

impl Status {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::candidates::texts::texts(locale);
        match self {
            Status::Active => t.status_active,
            Status::OnHold => t.status_on_hold,
            Status::Rejected => t.status_rejected,
            Status::Failed => t.status_failed,
            Status::Duplicate => t.status_duplicate,
            Status::NoLongerRelevant => t.status_no_longer_relevant,
        }
    }
}
