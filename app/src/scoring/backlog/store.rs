//! The backlogs, overrides and decisions in the database. Every read of candidates starts with
//! the visibility filter (`visible_to_scope!`, binds `$1`–`$5` of [`CandidateScope`]).

use crate::candidates::model::{Phase, Visibility};
use crate::candidates::visible_to_scope;
use crate::common::error::{AppError, AppResult};
use crate::db::Db;
use crate::identity::policy::CandidateScope;
use crate::scoring::backlog::model::{Decision, LatestDecision, Outcome};
use crate::scoring::compute::Quadrant;
use crate::scoring::model::Scope;
use crate::with_pool;
use time::{Date, OffsetDateTime};

/// The candidates of a backlog (`$6` the scope), before ranking: active, assessed, in a phase
/// before development; for the municipality scope those of the reader's municipality (`$2`),
/// for the consortium the shared ones of every municipality.
const ROWS: &str = concat!(
    "SELECT c.id, c.title, c.phase, c.visibility, c.reporter_id, c.municipality_id, c.department_id, \
            d.name AS department, d.path AS department_path, m.name AS municipality, \
            a.value_score, a.feasibility_score, a.utility, a.quadrant, a.knocked_out, \
            c.annual_minutes, c.automation_share_pct, m.loaded_hourly_rate, m.currency, \
            CAST(o.position AS BIGINT) AS position, o.reason, \
            (SELECT x.outcome FROM decisions x WHERE x.candidate_id = c.id AND x.scope = $6 \
              ORDER BY x.decided_on DESC, x.id DESC LIMIT 1) AS decision_outcome, \
            (SELECT x.decided_on FROM decisions x WHERE x.candidate_id = c.id AND x.scope = $6 \
              ORDER BY x.decided_on DESC, x.id DESC LIMIT 1) AS decision_on \
     FROM candidates c \
     JOIN assessments a ON a.id = c.assessment_id \
     JOIN municipalities m ON m.id = c.municipality_id \
     LEFT JOIN departments d ON d.id = c.department_id \
     LEFT JOIN backlog_overrides o ON o.candidate_id = c.id AND o.scope = $6 \
     WHERE (",
    visible_to_scope!(),
    ") AND c.status = 'active' AND c.phase IN ('idea', 'assessment', 'backlog', 'analysis') \
       AND (($6 = 'municipality' AND c.municipality_id = $2) \
            OR ($6 = 'consortium' AND c.visibility IN ('consortium', 'public'))) \
     ORDER BY c.id"
);

const DEPARTMENTS: &str = "SELECT id, name, path FROM departments WHERE municipality_id = $1 ORDER BY name, id";

const SET_OVERRIDE: &str = "INSERT INTO backlog_overrides (scope, candidate_id, position, reason, set_by, set_at) \
     VALUES ($1, $2, $3, $4, $5, $6) \
     ON CONFLICT (scope, candidate_id) DO UPDATE SET position = excluded.position, reason = excluded.reason, \
        set_by = excluded.set_by, set_at = excluded.set_at";

const REMOVE_OVERRIDE: &str = "DELETE FROM backlog_overrides WHERE scope = $1 AND candidate_id = $2";

const INSERT_DECISION: &str = "INSERT INTO decisions \
       (candidate_id, scope, outcome, rationale, meeting, decided_on, recorded_by, recorded_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

/// Decisions on candidates the reader may see (`$6`–`$9`: scope, from, to, outcome, each
/// optional), newest first. The rationale and meeting of a municipality's own backlog decision
/// are internal to that municipality, those of the consortium backlog to the consortium: other
/// readers get them empty (visitors always), trimmed in SQL.
const DECISION_LOG: &str = concat!(
    "SELECT x.id, x.candidate_id, c.title, x.scope, x.outcome, \
            CASE WHEN $1 AND (x.scope = 'consortium' OR c.municipality_id = $2) THEN x.rationale ELSE '' END \
              AS rationale, \
            CASE WHEN $1 AND (x.scope = 'consortium' OR c.municipality_id = $2) THEN x.meeting ELSE NULL END \
              AS meeting, \
            x.decided_on, \
            x.recorded_by, u.display_name, u.municipality_id AS user_municipality, u.erased_at IS NOT NULL AS erased \
     FROM decisions x JOIN candidates c ON c.id = x.candidate_id \
     LEFT JOIN users u ON u.id = x.recorded_by \
     WHERE (",
    visible_to_scope!(),
    ") AND ($6 IS NULL OR x.scope = $6) AND ($7 IS NULL OR x.decided_on >= $7) \
       AND ($8 IS NULL OR x.decided_on <= $8) AND ($9 IS NULL OR x.outcome = $9) \
       AND ($10 IS NULL OR x.candidate_id = $10) \
     ORDER BY x.decided_on DESC, x.id DESC LIMIT 1000"
);

#[derive(sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub title: String,
    pub phase: String,
    pub visibility: String,
    pub reporter_id: i64,
    pub municipality_id: i64,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub department_path: Option<String>,
    pub municipality: String,
    pub value_score: f64,
    pub feasibility_score: f64,
    pub utility: f64,
    pub quadrant: String,
    pub knocked_out: bool,
    pub annual_minutes: f64,
    pub automation_share_pct: Option<f64>,
    pub loaded_hourly_rate: f64,
    pub currency: String,
    pub position: Option<i64>,
    pub reason: Option<String>,
    pub decision_outcome: Option<String>,
    pub decision_on: Option<Date>,
}

fn known<T>(value: Option<T>, what: &str, stored: &str) -> AppResult<T> {
    value.ok_or_else(|| {
        tracing::error!(what, stored, "unknown value stored");
        AppError::Internal
    })
}

impl Row {
    pub fn phase(&self) -> AppResult<Phase> {
        known(Phase::parse(&self.phase), "phase", &self.phase)
    }
    pub fn quadrant(&self) -> AppResult<Quadrant> {
        known(Quadrant::from_key(&self.quadrant), "quadrant", &self.quadrant)
    }
    pub fn visibility(&self) -> AppResult<Visibility> {
        known(Visibility::parse(&self.visibility), "visibility", &self.visibility)
    }
    pub fn latest_decision(&self) -> AppResult<Option<LatestDecision>> {
        match (&self.decision_outcome, self.decision_on) {
            (Some(outcome), Some(decided_on)) => {
                Ok(Some(LatestDecision { outcome: known(Outcome::parse(outcome), "outcome", outcome)?, decided_on }))
            }
            _ => Ok(None),
        }
    }
}

pub async fn rows(db: &Db, reader: CandidateScope, scope: Scope) -> AppResult<Vec<Row>> {
    Ok(with_pool!(db, pool => sqlx::query_as::<_, Row>(ROWS)
        .bind(reader.signed_in).bind(reader.municipality_id).bind(reader.user_id)
        .bind(reader.sees_all_private).bind(reader.sees_scoped_private)
        .bind(scope.key())
        .fetch_all(pool).await)?)
}

/// The municipality's departments: id, name and path (`/3/7/`).
pub async fn departments(db: &Db, municipality_id: i64) -> AppResult<Vec<(i64, String, String)>> {
    Ok(with_pool!(db, pool => sqlx::query_as::<_, (i64, String, String)>(DEPARTMENTS)
        .bind(municipality_id).fetch_all(pool).await)?)
}

pub async fn set_override(
    db: &Db,
    scope: Scope,
    candidate_id: i64,
    position: i64,
    reason: &str,
    by: i64,
) -> AppResult<()> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => sqlx::query(SET_OVERRIDE).bind(scope.key()).bind(candidate_id).bind(position)
        .bind(reason).bind(by).bind(now).execute(pool).await.map(|_| ()))?;
    Ok(())
}

pub async fn remove_override(db: &Db, scope: Scope, candidate_id: i64) -> AppResult<()> {
    with_pool!(db, pool => sqlx::query(REMOVE_OVERRIDE).bind(scope.key()).bind(candidate_id).execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// A decision to store; the caller validated it.
pub struct NewDecision<'a> {
    pub candidate_id: i64,
    pub scope: Scope,
    pub outcome: Outcome,
    pub rationale: &'a str,
    pub meeting: Option<&'a str>,
    pub decided_on: Date,
    pub by: i64,
}

pub async fn insert_decision(db: &Db, d: &NewDecision<'_>) -> AppResult<i64> {
    let now = OffsetDateTime::now_utc();
    Ok(with_pool!(db, pool => sqlx::query_scalar::<_, i64>(INSERT_DECISION)
        .bind(d.candidate_id).bind(d.scope.key()).bind(d.outcome.as_str()).bind(d.rationale)
        .bind(d.meeting).bind(d.decided_on).bind(d.by).bind(now)
        .fetch_one(pool).await)?)
}

/// The decision log's filters after parsing.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LogFilter {
    pub scope: Option<Scope>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub outcome: Option<Outcome>,
    pub candidate_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    id: i64,
    candidate_id: i64,
    title: String,
    scope: String,
    outcome: String,
    rationale: String,
    meeting: Option<String>,
    decided_on: Date,
    recorded_by: Option<i64>,
    display_name: Option<String>,
    user_municipality: Option<i64>,
    erased: Option<bool>,
}

/// Decisions on candidates the reader may see, newest first (at most 1000).
pub async fn decisions(db: &Db, reader: CandidateScope, filter: LogFilter) -> AppResult<Vec<Decision>> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, DecisionRow>(DECISION_LOG)
        .bind(reader.signed_in).bind(reader.municipality_id).bind(reader.user_id)
        .bind(reader.sees_all_private).bind(reader.sees_scoped_private)
        .bind(filter.scope.map(Scope::key)).bind(filter.from).bind(filter.to)
        .bind(filter.outcome.map(Outcome::as_str)).bind(filter.candidate_id)
        .fetch_all(pool).await)?;
    let reader_municipality = reader.signed_in.then_some(reader.municipality_id);
    rows.into_iter()
        .map(|r| {
            Ok(Decision {
                id: r.id,
                candidate_id: r.candidate_id,
                candidate_title: r.title,
                scope: known(Scope::from_key(&r.scope), "scope", &r.scope)?,
                outcome: known(Outcome::parse(&r.outcome), "outcome", &r.outcome)?,
                rationale: r.rationale,
                meeting: r.meeting,
                decided_on: r.decided_on,
                recorded_by: crate::scoring::store::person(
                    r.recorded_by,
                    r.display_name,
                    r.user_municipality,
                    r.erased,
                    reader_municipality,
                ),
            })
        })
        .collect()
}
