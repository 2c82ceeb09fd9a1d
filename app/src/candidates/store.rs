//! Candidates in the database. The visibility filter is [`policy::CandidateScope`] in SQL.
//!
//! [`policy::CandidateScope`]: crate::identity::policy::CandidateScope

use crate::candidates::benefit::Economics;
use crate::candidates::model::{
    CandidateDetail, CandidateSummary, DepartmentChoice, Period, Phase, Status, Viewer, Visibility, WorkingTime,
};
use crate::candidates::record::store::{Labels, ADD_LABEL, LABEL_KINDS};
use crate::candidates::validate::NewCandidate;
use crate::common::error::{AppError, AppResult};
use crate::db::Db;
use crate::identity::model::PersonRef;
use crate::identity::policy::CandidateScope;
use crate::with_pool;
use time::OffsetDateTime;

// The list's search, counting and export (uses `visible_to_scope!` from the parent module).
pub use crate::candidates::search::store::{
    count, export_rows, filter_choices, search, similar, ExportRow, FilterChoices,
};

const GET: &str = concat!(
    "SELECT c.id, c.title, c.description, m.name AS municipality, d.name AS department, \
            u.display_name AS reporter, \
            CASE WHEN u.erased_at IS NOT NULL THEN 'erased' WHEN c.municipality_id = $2 THEN 'named' \
                 ELSE 'withheld' END AS reporter_kind, \
            c.volume, c.period, c.minutes_per_case, c.phase, c.status, c.status_reason, c.duplicate_of, c.department_id, \
            c.visibility, m.working_days_per_year, m.hours_per_day, m.loaded_hourly_rate, m.discount_rate_pct, \
            m.currency, m.benefit_years, c.created_at \
     FROM candidates c \
     JOIN municipalities m ON m.id = c.municipality_id \
     JOIN users u ON u.id = c.reporter_id \
     LEFT JOIN departments d ON d.id = c.department_id \
     WHERE c.id = $6 AND ",
    visible_to_scope!()
);

const INSERT: &str = "INSERT INTO candidates \
       (municipality_id, department_id, reporter_id, title, description, volume, period, \
        minutes_per_case, phase, status, visibility, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id";

const DEPARTMENTS: &str = "SELECT id, parent_id, name FROM departments WHERE municipality_id = $1 ORDER BY name, id";

const DEPARTMENT_IN_MUNICIPALITY: &str = "SELECT COUNT(*) FROM departments WHERE id = $1 AND municipality_id = $2";

const WORKING_TIME: &str = "SELECT working_days_per_year, hours_per_day FROM municipalities WHERE id = $1";

#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    pub(crate) id: i64,
    pub(crate) title: String,
    pub(crate) municipality: String,
    pub(crate) department: Option<String>,
    pub(crate) phase: String,
    pub(crate) status: String,
    pub(crate) visibility: String,
    pub(crate) volume: f64,
    pub(crate) period: String,
    pub(crate) minutes_per_case: f64,
    /// Manual minutes a year, kept by the database (migration 11): the list shows what it sorts by.
    pub(crate) annual_minutes: f64,
    pub(crate) created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    title: String,
    description: String,
    municipality: String,
    department: Option<String>,
    reporter: String,
    reporter_kind: String,
    volume: f64,
    period: String,
    minutes_per_case: f64,
    phase: String,
    status: String,
    status_reason: Option<String>,
    duplicate_of: Option<i64>,
    department_id: Option<i64>,
    visibility: String,
    working_days_per_year: f64,
    hours_per_day: f64,
    loaded_hourly_rate: f64,
    discount_rate_pct: f64,
    currency: String,
    benefit_years: i64,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
pub(crate) struct DepartmentRow {
    pub(crate) id: i64,
    pub(crate) parent_id: Option<i64>,
    pub(crate) name: String,
}

#[derive(sqlx::FromRow)]
struct WorkingTimeRow {
    working_days_per_year: f64,
    hours_per_day: f64,
}

/// A stored name the code does not know means the schema and code disagree: log, don't guess.
pub(super) fn known<T>(value: Option<T>, column: &str, text: &str) -> AppResult<T> {
    value.ok_or_else(|| {
        tracing::error!(column, value = text, "unknown value stored in the database");
        AppError::Internal
    })
}

impl SummaryRow {
    pub(crate) fn into_summary(self) -> AppResult<CandidateSummary> {
        Ok(CandidateSummary {
            id: self.id,
            manual_hours_per_year: self.annual_minutes / 60.0,
            phase: known(Phase::parse(&self.phase), "phase", &self.phase)?,
            status: known(Status::parse(&self.status), "status", &self.status)?,
            visibility: known(Visibility::parse(&self.visibility), "visibility", &self.visibility)?,
            title: self.title,
            municipality: self.municipality,
            department: self.department,
            created_on: self.created_at.date(),
        })
    }
}

impl DetailRow {
    fn into_detail(self) -> AppResult<CandidateDetail> {
        Ok(CandidateDetail {
            id: self.id,
            period: known(Period::parse(&self.period), "period", &self.period)?,
            phase: known(Phase::parse(&self.phase), "phase", &self.phase)?,
            status: known(Status::parse(&self.status), "status", &self.status)?,
            visibility: known(Visibility::parse(&self.visibility), "visibility", &self.visibility)?,
            working_time: WorkingTime {
                working_days_per_year: self.working_days_per_year,
                hours_per_day: self.hours_per_day,
            },
            economics: Economics {
                loaded_hourly_rate: self.loaded_hourly_rate,
                discount_rate_pct: self.discount_rate_pct,
                years: u32::try_from(self.benefit_years).unwrap_or(0),
                currency: self.currency,
            },
            title: self.title,
            description: self.description,
            municipality: self.municipality,
            department: self.department,
            reporter: match self.reporter_kind.as_str() {
                "named" => PersonRef::Named(self.reporter),
                "erased" => PersonRef::FormerEmployee,
                _ => PersonRef::Withheld,
            },
            volume: self.volume,
            minutes_per_case: self.minutes_per_case,
            created_on: self.created_at.date(),
            status_reason: self.status_reason,
            duplicate_of: self.duplicate_of,
            // Filled in by the service from the activity store.
            phases: Vec::new(),
            comments: Vec::new(),
            followers: 0,
            viewer: Viewer::default(),
            record: Default::default(),
            department_id: self.department_id,
        })
    }
}

/// The candidate if it exists and the scope may see it; `None` in both other cases, so that
/// a hidden candidate and a missing one look the same.
pub async fn get(db: &Db, scope: CandidateScope, id: i64) -> AppResult<Option<CandidateDetail>> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, DetailRow>(GET)
        .bind(scope.signed_in)
        .bind(scope.municipality_id)
        .bind(scope.user_id)
        .bind(scope.sees_all_private)
        .bind(scope.sees_scoped_private)
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    row.map(DetailRow::into_detail).transpose()
}

/// Stores a new candidate with its first phase stay, its "created" audit event, and its
/// reporter as the first follower, all or nothing.
pub async fn insert(db: &Db, municipality_id: i64, reporter_id: i64, new: &NewCandidate) -> AppResult<i64> {
    let reported = Reported {
        municipality_id,
        reporter_id,
        new: new.clone(),
        phase: Phase::Idea,
        status: Status::Active,
        at: OffsetDateTime::now_utc(),
        labels: Labels::default(),
    };
    let ids = insert_reported(db, std::slice::from_ref(&reported)).await?;
    ids.into_iter().next().ok_or(AppError::Internal)
}

/// A candidate as it stands after a history nobody lived through: reported at `at`, already in
/// `phase` with `status`, labelled. Only the seed data writes these (the demo, the benchmark,
/// the tests' fixtures); people report through [`insert`].
#[derive(Clone, Debug)]
pub struct Reported {
    pub municipality_id: i64,
    pub reporter_id: i64,
    pub new: NewCandidate,
    pub phase: Phase,
    pub status: Status,
    pub at: OffsetDateTime,
    pub labels: Labels,
}

/// Stores every candidate as [`insert`] does (with its phase stay in `phase` from `at`, the
/// "created" event and the reporter following, all at `at`) and its labels, in one
/// transaction. Returns their ids in order.
pub async fn insert_reported(db: &Db, candidates: &[Reported]) -> AppResult<Vec<i64>> {
    let ids = with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut ids = Vec::with_capacity(candidates.len());
        for c in candidates {
            let new = &c.new;
            let id: i64 = sqlx::query_scalar(INSERT)
                .bind(c.municipality_id)
                .bind(new.department_id)
                .bind(c.reporter_id)
                .bind(&new.title)
                .bind(&new.description)
                .bind(new.volume)
                .bind(new.period.as_str())
                .bind(new.minutes_per_case)
                .bind(c.phase.as_str())
                .bind(c.status.as_str())
                .bind(new.visibility.as_str())
                .bind(c.at)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(crate::candidates::activity::store::ENTER_PHASE).bind(id).bind(c.phase.as_str()).bind(c.at).execute(&mut *tx).await?;
            sqlx::query(crate::candidates::activity::store::AUDIT)
                .bind(id).bind(c.reporter_id).bind(c.at).bind("created").bind(None::<String>).bind(&new.title)
                .execute(&mut *tx).await?;
            sqlx::query(crate::candidates::activity::store::FOLLOW).bind(c.reporter_id).bind(id).bind(c.at).execute(&mut *tx).await?;
            for kind in LABEL_KINDS {
                for label in c.labels.of_kind(kind) {
                    sqlx::query(ADD_LABEL).bind(id).bind(kind).bind(label).execute(&mut *tx).await?;
                }
            }
            ids.push(id);
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(ids)
    })?;
    Ok(ids)
}

/// The municipality's departments, each labelled with its path from the top of the tree.
pub async fn departments(db: &Db, municipality_id: i64) -> AppResult<Vec<DepartmentChoice>> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, DepartmentRow>(DEPARTMENTS)
        .bind(municipality_id)
        .fetch_all(pool)
        .await)?;
    Ok(department_choices(&rows))
}

/// Each department labelled with its path from the top ("Social › Elderly care"), alphabetically.
pub(crate) fn department_choices(rows: &[DepartmentRow]) -> Vec<DepartmentChoice> {
    let by_id: std::collections::HashMap<i64, &DepartmentRow> = rows.iter().map(|r| (r.id, r)).collect();
    let mut choices: Vec<DepartmentChoice> = rows
        .iter()
        .map(|row| {
            let mut names = vec![row.name.as_str()];
            let mut parent = row.parent_id;
            // Bounded walk: a cycle in bad data must not hang the request.
            while let Some(p) = parent.and_then(|id| by_id.get(&id)).filter(|_| names.len() < 32) {
                names.push(p.name.as_str());
                parent = p.parent_id;
            }
            names.reverse();
            DepartmentChoice { id: row.id, label: names.join(" › ") }
        })
        .collect();
    choices.sort_by(|a, b| a.label.cmp(&b.label));
    choices
}

pub async fn working_time(db: &Db, municipality_id: i64) -> AppResult<WorkingTime> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, WorkingTimeRow>(WORKING_TIME)
        .bind(municipality_id)
        .fetch_one(pool)
        .await)?;
    Ok(WorkingTime { working_days_per_year: row.working_days_per_year, hours_per_day: row.hours_per_day })
}

pub async fn department_in_municipality(db: &Db, department_id: i64, municipality_id: i64) -> AppResult<bool> {
    let count = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(DEPARTMENT_IN_MUNICIPALITY)
        .bind(department_id)
        .bind(municipality_id)
        .fetch_one(pool)
        .await)?;
    Ok(count > 0)
}
