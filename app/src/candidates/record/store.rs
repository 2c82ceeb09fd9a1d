//! The full record in the database: reading it, writing an edit with its audit events in one
//! transaction, the labels, and the sealed contact fields (with re-sealing for key rotation).

use crate::candidates::activity::store::AUDIT;
use crate::candidates::model::Phase;
use crate::common::error::AppResult;
use crate::crypto::{context, CryptoError, KeyRing};
use crate::db::Db;
use crate::with_pool;
use time::OffsetDateTime;

const RECORD: &str = "SELECT c.title, c.description, c.department_id, c.volume, c.period, c.minutes_per_case, \
            c.visibility, c.phase, c.problem_today, c.desired_outcome, c.external_id, c.taxonomy_code, c.legal_basis, \
            c.legal_verified_on, c.owner_id, o.display_name AS owner_name, o.municipality_id AS owner_municipality, \
            o.erased_at IS NOT NULL AS owner_erased, c.contact_name, c.contact_email, c.contact_phone, \
            c.error_rate_pct, c.rework_minutes, c.review_minutes, c.automation_share_pct, c.input_digital, \
            c.input_structured, c.rule_based, c.stable, c.exceptions_pct, c.systems_count, c.build_cost, \
            c.annual_run_cost, c.internal_notes \
     FROM candidates c LEFT JOIN users o ON o.id = c.owner_id WHERE c.id = $1";

const LABELS: &str = "SELECT kind, label FROM candidate_labels WHERE candidate_id = $1 ORDER BY kind, label";
pub(crate) const CLEAR_LABELS: &str = "DELETE FROM candidate_labels WHERE candidate_id = $1 AND kind = $2";
pub(crate) const ADD_LABEL: &str = "INSERT INTO candidate_labels (candidate_id, kind, label) VALUES ($1, $2, $3) \
     ON CONFLICT (candidate_id, kind, label) DO NOTHING";

pub(crate) const UPDATE: &str = "UPDATE candidates SET title = $2, description = $3, department_id = $4, volume = $5, period = $6, \
            minutes_per_case = $7, visibility = $8, problem_today = $9, desired_outcome = $10, external_id = $11, \
            taxonomy_code = $12, legal_basis = $13, legal_verified_on = $14, owner_id = $15, contact_name = $16, \
            contact_email = $17, contact_phone = $18, error_rate_pct = $19, rework_minutes = $20, review_minutes = $21, \
            automation_share_pct = $22, input_digital = $23, input_structured = $24, rule_based = $25, stable = $26, \
            exceptions_pct = $27, systems_count = $28, build_cost = $29, annual_run_cost = $30, internal_notes = $31, \
            updated_at = $32 \
     WHERE id = $1";

const COLLEAGUES: &str =
    "SELECT id, display_name FROM users WHERE municipality_id = $1 AND erased_at IS NULL ORDER BY display_name, id";
const ACTIVE_COLLEAGUE: &str =
    "SELECT COUNT(*) FROM users WHERE id = $1 AND municipality_id = $2 AND erased_at IS NULL";
const EXTERNAL_ID_TAKEN: &str =
    "SELECT COUNT(*) FROM candidates WHERE municipality_id = $1 AND external_id = $2 AND id <> $3";
const SEALED_CONTACTS: &str = "SELECT id, contact_name, contact_email, contact_phone FROM candidates \
     WHERE contact_name IS NOT NULL OR contact_email IS NOT NULL OR contact_phone IS NOT NULL";
const SET_CONTACT: &str =
    "UPDATE candidates SET contact_name = $2, contact_email = $3, contact_phone = $4 WHERE id = $1";
const COUNT_SEALED: &str = "SELECT COUNT(*) FROM candidates \
     WHERE contact_name IS NOT NULL OR contact_email IS NOT NULL OR contact_phone IS NOT NULL";

/// The stored record, contact fields still sealed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RecordRow {
    pub title: String,
    pub description: String,
    pub department_id: Option<i64>,
    pub volume: f64,
    pub period: String,
    pub minutes_per_case: f64,
    pub visibility: String,
    pub phase: String,
    pub problem_today: Option<String>,
    pub desired_outcome: Option<String>,
    pub external_id: Option<String>,
    pub taxonomy_code: Option<String>,
    pub legal_basis: Option<String>,
    pub legal_verified_on: Option<time::Date>,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub owner_municipality: Option<i64>,
    pub owner_erased: Option<bool>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub error_rate_pct: Option<f64>,
    pub rework_minutes: Option<f64>,
    pub review_minutes: Option<f64>,
    pub automation_share_pct: Option<f64>,
    pub input_digital: Option<bool>,
    pub input_structured: Option<bool>,
    pub rule_based: Option<bool>,
    pub stable: Option<bool>,
    pub exceptions_pct: Option<f64>,
    pub systems_count: Option<i64>,
    pub build_cost: Option<f64>,
    pub annual_run_cost: Option<f64>,
    pub internal_notes: Option<String>,
}

impl RecordRow {
    pub fn phase(&self) -> Phase {
        Phase::parse(&self.phase).unwrap_or(Phase::Idea)
    }
}

/// Labels by kind (`tag`, `subject_area`, `it_system`, `technology`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels {
    pub tags: Vec<String>,
    pub subject_areas: Vec<String>,
    pub it_systems: Vec<String>,
    pub technologies: Vec<String>,
}

impl Labels {
    pub fn of_kind(&self, kind: &str) -> &[String] {
        match kind {
            "tag" => &self.tags,
            "subject_area" => &self.subject_areas,
            "it_system" => &self.it_systems,
            _ => &self.technologies,
        }
    }
}

pub const LABEL_KINDS: [&str; 4] = ["tag", "subject_area", "it_system", "technology"];

/// Where a sealed contact value lives; bound into its encryption so it cannot be moved.
pub fn contact_context(column: &str, id: i64) -> String {
    context("candidates", column, id)
}

pub async fn record(db: &Db, id: i64) -> AppResult<Option<(RecordRow, Labels)>> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, RecordRow>(RECORD).bind(id).fetch_optional(pool).await)?;
    let Some(row) = row else { return Ok(None) };
    let pairs: Vec<(String, String)> = with_pool!(db, pool => sqlx::query_as(LABELS).bind(id).fetch_all(pool).await)?;
    let mut labels = Labels::default();
    for (kind, label) in pairs {
        match kind.as_str() {
            "tag" => labels.tags.push(label),
            "subject_area" => labels.subject_areas.push(label),
            "it_system" => labels.it_systems.push(label),
            _ => labels.technologies.push(label),
        }
    }
    Ok(Some((row, labels)))
}

/// The municipality's people who can own a candidate: (id, name).
pub async fn colleagues(db: &Db, municipality_id: i64) -> AppResult<Vec<(i64, String)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(COLLEAGUES).bind(municipality_id).fetch_all(pool).await)?)
}

pub async fn is_active_colleague(db: &Db, user_id: i64, municipality_id: i64) -> AppResult<bool> {
    let n: i64 = with_pool!(db, pool => sqlx::query_scalar(ACTIVE_COLLEAGUE).bind(user_id).bind(municipality_id)
        .fetch_one(pool).await)?;
    Ok(n > 0)
}

pub async fn external_id_taken(db: &Db, municipality_id: i64, external_id: &str, id: i64) -> AppResult<bool> {
    let n: i64 = with_pool!(db, pool => sqlx::query_scalar(EXTERNAL_ID_TAKEN).bind(municipality_id)
        .bind(external_id).bind(id).fetch_one(pool).await)?;
    Ok(n > 0)
}

/// One audit event: field, value before, value after (`None` for hidden personal data).
pub type Change = (&'static str, Option<String>, Option<String>);

/// Writes the whole row (`new`, contact already sealed), the labels and the audit events in
/// one transaction.
pub async fn save(
    db: &Db,
    id: i64,
    actor_id: i64,
    new: &RecordRow,
    labels: &Labels,
    changes: &[Change],
) -> AppResult<()> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(UPDATE)
            .bind(id).bind(&new.title).bind(&new.description).bind(new.department_id).bind(new.volume)
            .bind(&new.period).bind(new.minutes_per_case).bind(&new.visibility).bind(&new.problem_today)
            .bind(&new.desired_outcome).bind(&new.external_id).bind(&new.taxonomy_code).bind(&new.legal_basis)
            .bind(new.legal_verified_on).bind(new.owner_id).bind(&new.contact_name).bind(&new.contact_email)
            .bind(&new.contact_phone).bind(new.error_rate_pct).bind(new.rework_minutes).bind(new.review_minutes)
            .bind(new.automation_share_pct).bind(new.input_digital).bind(new.input_structured).bind(new.rule_based)
            .bind(new.stable).bind(new.exceptions_pct).bind(new.systems_count).bind(new.build_cost)
            .bind(new.annual_run_cost).bind(&new.internal_notes).bind(now)
            .execute(&mut *tx).await?;
        for kind in LABEL_KINDS {
            sqlx::query(CLEAR_LABELS).bind(id).bind(kind).execute(&mut *tx).await?;
            for label in labels.of_kind(kind) {
                sqlx::query(ADD_LABEL).bind(id).bind(kind).bind(label).execute(&mut *tx).await?;
            }
        }
        for (field, old, new) in changes {
            sqlx::query(AUDIT).bind(id).bind(actor_id).bind(now).bind(*field).bind(old).bind(new)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })?;
    Ok(())
}

/// How many candidates hold sealed contact details (the server refuses to start without a key
/// when there are any).
pub async fn count_sealed(db: &Db) -> Result<i64, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar(COUNT_SEALED).fetch_one(pool).await)
}

#[derive(Debug, thiserror::Error)]
pub enum ResealError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{place}: {error}")]
    Crypto { place: String, error: CryptoError },
}

/// Re-seals every contact value with the current key, in one transaction (all or nothing).
/// Returns (re-sealed, already current) counts of values.
pub async fn reseal_contacts(db: &Db, keys: &KeyRing) -> Result<(u64, u64), ResealError> {
    type Row = (i64, Option<String>, Option<String>, Option<String>);
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let rows: Vec<Row> = sqlx::query_as(SEALED_CONTACTS).fetch_all(&mut *tx).await?;
        let (mut resealed, mut current) = (0u64, 0u64);
        for (id, name, email, phone) in rows {
            let mut fresh: Vec<Option<String>> = Vec::with_capacity(3);
            for (column, value) in [("contact_name", name), ("contact_email", email), ("contact_phone", phone)] {
                fresh.push(match value {
                    Some(sealed) if keys.is_current(&sealed) => {
                        current += 1;
                        Some(sealed)
                    }
                    Some(sealed) => {
                        let place = contact_context(column, id);
                        let plain = keys.open(&place, &sealed)
                            .map_err(|error| ResealError::Crypto { place: place.clone(), error })?;
                        resealed += 1;
                        Some(keys.seal(&place, &plain).map_err(|error| ResealError::Crypto { place, error })?)
                    }
                    None => None,
                });
            }
            sqlx::query(SET_CONTACT).bind(id).bind(&fresh[0]).bind(&fresh[1]).bind(&fresh[2]).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok((resealed, current))
    })
}
