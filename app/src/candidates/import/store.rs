//! Import jobs in the database, claiming them like the mail outbox claims notifications, and
//! the one transaction that writes a whole file.

use crate::candidates::activity::store::{AUDIT, ENTER_PHASE, FOLLOW};
use crate::candidates::model::Phase;
use crate::candidates::record::store::{Change, Labels, RecordRow, ADD_LABEL, CLEAR_LABELS, LABEL_KINDS, UPDATE};
use crate::common::error::AppResult;
use crate::db::Db;
use crate::with_pool;
use time::{Duration, OffsetDateTime};

/// A claim older than this is from a node that died (or was stopped) mid-job and is taken again.
pub const STALE_AFTER: Duration = Duration::minutes(5);

const INSERT_JOB: &str = "INSERT INTO candidate_imports \
       (municipality_id, user_id, file_name, csv_text, mapping, state, total_rows, processed_rows, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, 'uploaded', $6, 0, $7, $7) RETURNING id";
const JOB: &str =
    "SELECT id, municipality_id, user_id, file_name, csv_text, mapping, state, total_rows, processed_rows, \
            report, claimed_at FROM candidate_imports WHERE id = $1";
const SET_MAPPING: &str = "UPDATE candidate_imports SET mapping = $2, state = 'uploaded', report = NULL, \
            processed_rows = 0, updated_at = $3 WHERE id = $1 AND state IN ('uploaded', 'checked')";
const QUEUE_CHECK: &str =
    "UPDATE candidate_imports SET state = 'check_queued', processed_rows = 0, claimed_at = NULL, \
            updated_at = $2 WHERE id = $1 AND state IN ('uploaded', 'checked')";
/// Only a checked file without problems may be committed; the page offers nothing else.
const QUEUE_COMMIT: &str =
    "UPDATE candidate_imports SET state = 'commit_queued', processed_rows = 0, claimed_at = NULL, \
            updated_at = $2 WHERE id = $1 AND state = 'checked'";

/// `$1` now, `$2` claims before this are stale, `$3` one job's id or 0 for any. A stale
/// `saving` never committed (the commit writes `done` in its own transaction), so it is
/// committed again from the start.
const CLAIM_POSTGRES: &str = "UPDATE candidate_imports SET claimed_at = $1, updated_at = $1, processed_rows = 0, \
            state = CASE state WHEN 'check_queued' THEN 'checking' WHEN 'checking' THEN 'checking' ELSE 'committing' END \
     WHERE id = (SELECT id FROM candidate_imports \
                 WHERE ($3 = 0 OR id = $3) \
                   AND (state IN ('check_queued', 'commit_queued') \
                        OR (state IN ('checking', 'committing', 'saving') AND claimed_at < $2)) \
                 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) \
     RETURNING id, state, claimed_at";
/// SQLite runs one writing statement at a time, so the same UPDATE without row locks is atomic.
const CLAIM_SQLITE: &str = "UPDATE candidate_imports SET claimed_at = $1, updated_at = $1, processed_rows = 0, \
            state = CASE state WHEN 'check_queued' THEN 'checking' WHEN 'checking' THEN 'checking' ELSE 'committing' END \
     WHERE id = (SELECT id FROM candidate_imports \
                 WHERE ($3 = 0 OR id = $3) \
                   AND (state IN ('check_queued', 'commit_queued') \
                        OR (state IN ('checking', 'committing', 'saving') AND claimed_at < $2)) \
                 ORDER BY id LIMIT 1) \
     RETURNING id, state, claimed_at";

/// Every write of a worker names its claim: a node that lost the job to staleness stops.
const PROGRESS: &str =
    "UPDATE candidate_imports SET processed_rows = $3, updated_at = $4 WHERE id = $1 AND claimed_at = $2";
const SAVING: &str = "UPDATE candidate_imports SET state = 'saving', processed_rows = total_rows, updated_at = $3 \
     WHERE id = $1 AND claimed_at = $2";
const FINISH: &str = "UPDATE candidate_imports SET state = $3, report = $4, processed_rows = total_rows, \
            claimed_at = NULL, updated_at = $5 WHERE id = $1 AND claimed_at = $2";

const CANDIDATE_BY_EXTERNAL_ID: &str = "SELECT id FROM candidates WHERE municipality_id = $1 AND external_id = $2";
const UPDATED_AT: &str = "SELECT updated_at FROM candidates WHERE id = $1";
const DEPARTMENTS: &str = "SELECT id, name, path FROM departments WHERE municipality_id = $1";
const INSERT_CANDIDATE: &str = "INSERT INTO candidates \
       (municipality_id, department_id, reporter_id, title, description, volume, period, minutes_per_case, visibility, \
        external_id, problem_today, desired_outcome, taxonomy_code, legal_basis, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id";

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub municipality_id: i64,
    pub user_id: i64,
    pub file_name: String,
    pub csv_text: String,
    pub mapping: String,
    pub state: String,
    pub total_rows: i64,
    pub processed_rows: i64,
    pub report: Option<String>,
    pub claimed_at: Option<OffsetDateTime>,
}

/// A job a worker holds: `claimed_at` is the token its writes check.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Claim {
    pub id: i64,
    pub state: String,
    pub claimed_at: OffsetDateTime,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DepartmentRow {
    pub id: i64,
    pub name: String,
    pub path: String,
}

/// PostgreSQL keeps microseconds; a claim token must compare equal to what was stored.
fn micros(at: OffsetDateTime) -> OffsetDateTime {
    at.replace_nanosecond(at.nanosecond() / 1_000 * 1_000).unwrap_or(at)
}

#[allow(clippy::too_many_arguments)]
pub async fn create(
    db: &Db,
    municipality_id: i64,
    user_id: i64,
    file_name: &str,
    csv_text: &str,
    mapping: &str,
    total_rows: i64,
    now: OffsetDateTime,
) -> AppResult<i64> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(INSERT_JOB)
        .bind(municipality_id).bind(user_id).bind(file_name).bind(csv_text).bind(mapping).bind(total_rows).bind(now)
        .fetch_one(pool).await)?)
}

pub async fn job(db: &Db, id: i64) -> AppResult<Option<JobRow>> {
    Ok(with_pool!(db, pool => sqlx::query_as::<_, JobRow>(JOB).bind(id).fetch_optional(pool).await)?)
}

pub async fn set_mapping(db: &Db, id: i64, mapping: &str, now: OffsetDateTime) -> AppResult<bool> {
    let done = with_pool!(db, pool => sqlx::query(SET_MAPPING).bind(id).bind(mapping).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Queues a check (`commit` false) or a commit; false when the job is not in a state for it.
pub async fn queue(db: &Db, id: i64, commit: bool, now: OffsetDateTime) -> AppResult<bool> {
    let sql = if commit { QUEUE_COMMIT } else { QUEUE_CHECK };
    let done =
        with_pool!(db, pool => sqlx::query(sql).bind(id).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Claims the oldest queued (or stale) job, or exactly `only` when given.
pub async fn claim(db: &Db, now: OffsetDateTime, only: Option<i64>) -> AppResult<Option<Claim>> {
    let now = micros(now);
    let stale = now - STALE_AFTER;
    let only = only.unwrap_or(0);
    let claim = match db {
        Db::Postgres(pool) => {
            sqlx::query_as::<_, Claim>(CLAIM_POSTGRES).bind(now).bind(stale).bind(only).fetch_optional(pool).await?
        }
        Db::Sqlite(pool) => {
            sqlx::query_as::<_, Claim>(CLAIM_SQLITE).bind(now).bind(stale).bind(only).fetch_optional(pool).await?
        }
    };
    Ok(claim)
}

/// Records progress; false when the claim was lost (another node took the job over).
pub async fn progress(db: &Db, claim: &Claim, processed: i64) -> AppResult<bool> {
    let now = OffsetDateTime::now_utc();
    let done = with_pool!(db, pool => sqlx::query(PROGRESS).bind(claim.id).bind(claim.claimed_at).bind(processed)
        .bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Marks the write phase (no count: the rows go in one transaction).
pub async fn saving(db: &Db, claim: &Claim) -> AppResult<bool> {
    let now = OffsetDateTime::now_utc();
    let done = with_pool!(db, pool => sqlx::query(SAVING).bind(claim.id).bind(claim.claimed_at).bind(now)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Ends a claim with a state and a report.
pub async fn finish(db: &Db, claim: &Claim, state: &str, report: &str) -> AppResult<bool> {
    let now = OffsetDateTime::now_utc();
    let done = with_pool!(db, pool => sqlx::query(FINISH).bind(claim.id).bind(claim.claimed_at).bind(state)
        .bind(report).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn candidate_by_external_id(db: &Db, municipality_id: i64, external_id: &str) -> AppResult<Option<i64>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(CANDIDATE_BY_EXTERNAL_ID).bind(municipality_id).bind(external_id)
        .fetch_optional(pool).await)?)
}

pub async fn updated_at(db: &Db, id: i64) -> AppResult<Option<OffsetDateTime>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(UPDATED_AT).bind(id).fetch_optional(pool).await)?)
}

pub async fn departments(db: &Db, municipality_id: i64) -> AppResult<Vec<DepartmentRow>> {
    Ok(with_pool!(db, pool => sqlx::query_as::<_, DepartmentRow>(DEPARTMENTS).bind(municipality_id)
        .fetch_all(pool).await)?)
}

/// A new candidate as the file has it.
#[derive(Clone, Debug)]
pub struct NewRow {
    pub row: RecordRow,
    pub labels: Labels,
}

/// An existing candidate: the whole row as it will be, as it was read (to detect a change
/// made meanwhile), and its audit events.
#[derive(Clone, Debug)]
pub struct ChangedRow {
    pub id: i64,
    pub read_at: OffsetDateTime,
    pub row: RecordRow,
    pub labels: Labels,
    pub changes: Vec<Change>,
}

/// Why a write did not happen.
#[derive(Debug)]
pub enum WriteError {
    /// A candidate changed (or an external id was taken) after the check.
    Conflict,
    /// The claim was lost to another node: that node finishes the job.
    ClaimLost,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for WriteError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(e) if e.is_unique_violation() => WriteError::Conflict,
            _ => WriteError::Database(error),
        }
    }
}

/// Writes every row, their audit events and the job's final report in one transaction: all or
/// nothing. The job's `done` is part of it, so a node dying mid-way leaves no half import.
#[allow(clippy::too_many_arguments)]
pub async fn write(
    db: &Db,
    claim: &Claim,
    municipality_id: i64,
    actor_id: i64,
    creates: &[NewRow],
    updates: &[ChangedRow],
    report: impl Fn(&[i64]) -> String,
) -> Result<Vec<i64>, WriteError> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        for u in updates {
            let current: Option<OffsetDateTime> = sqlx::query_scalar(UPDATED_AT).bind(u.id).fetch_optional(&mut *tx).await?;
            if current != Some(u.read_at) {
                return Err(WriteError::Conflict);
            }
            let n = &u.row;
            sqlx::query(UPDATE)
                .bind(u.id).bind(&n.title).bind(&n.description).bind(n.department_id).bind(n.volume)
                .bind(&n.period).bind(n.minutes_per_case).bind(&n.visibility).bind(&n.problem_today)
                .bind(&n.desired_outcome).bind(&n.external_id).bind(&n.taxonomy_code).bind(&n.legal_basis)
                .bind(n.legal_verified_on).bind(n.owner_id).bind(&n.contact_name).bind(&n.contact_email)
                .bind(&n.contact_phone).bind(n.error_rate_pct).bind(n.rework_minutes).bind(n.review_minutes)
                .bind(n.automation_share_pct).bind(n.input_digital).bind(n.input_structured).bind(n.rule_based)
                .bind(n.stable).bind(n.exceptions_pct).bind(n.systems_count).bind(n.build_cost)
                .bind(n.annual_run_cost).bind(&n.internal_notes).bind(now)
                .execute(&mut *tx).await?;
            for kind in LABEL_KINDS {
                sqlx::query(CLEAR_LABELS).bind(u.id).bind(kind).execute(&mut *tx).await?;
                for label in u.labels.of_kind(kind) {
                    sqlx::query(ADD_LABEL).bind(u.id).bind(kind).bind(label).execute(&mut *tx).await?;
                }
            }
            for (field, old, new) in &u.changes {
                sqlx::query(AUDIT).bind(u.id).bind(actor_id).bind(now).bind(*field).bind(old).bind(new)
                    .execute(&mut *tx).await?;
            }
        }
        let mut created = Vec::with_capacity(creates.len());
        for c in creates {
            let n = &c.row;
            let id: i64 = sqlx::query_scalar(INSERT_CANDIDATE)
                .bind(municipality_id).bind(n.department_id).bind(actor_id).bind(&n.title).bind(&n.description)
                .bind(n.volume).bind(&n.period).bind(n.minutes_per_case).bind(&n.visibility).bind(&n.external_id)
                .bind(&n.problem_today).bind(&n.desired_outcome).bind(&n.taxonomy_code).bind(&n.legal_basis).bind(now)
                .fetch_one(&mut *tx).await?;
            sqlx::query(ENTER_PHASE).bind(id).bind(Phase::Idea.as_str()).bind(now).execute(&mut *tx).await?;
            sqlx::query(AUDIT).bind(id).bind(actor_id).bind(now).bind("created").bind(None::<String>).bind(&n.title)
                .execute(&mut *tx).await?;
            sqlx::query(FOLLOW).bind(actor_id).bind(id).bind(now).execute(&mut *tx).await?;
            for kind in LABEL_KINDS {
                for label in c.labels.of_kind(kind) {
                    sqlx::query(ADD_LABEL).bind(id).bind(kind).bind(label).execute(&mut *tx).await?;
                }
            }
            created.push(id);
        }
        let done = sqlx::query(FINISH).bind(claim.id).bind(claim.claimed_at).bind("done").bind(report(&created))
            .bind(now).execute(&mut *tx).await?;
        if done.rows_affected() != 1 {
            return Err(WriteError::ClaimLost);
        }
        tx.commit().await?;
        Ok(created)
    })
}
