//! The scoring model's versions, the editor's draft and the assessment snapshots in the
//! database. Definitions and answers are JSON text in both databases (they are read whole,
//! never queried inside); the scores beside the answers are columns, for the backlog and the
//! matrix.

use crate::common::error::{AppError, AppResult};
use crate::db::Db;
use crate::identity::model::PersonRef;
use crate::scoring::compute::{Answers, Score};
use crate::scoring::default_model;
use crate::scoring::model::{Cause, Definition, ModelVersion};
use crate::with_pool;
use time::OffsetDateTime;

const LATEST: &str = "SELECT MAX(version) FROM scoring_models";

const VERSION: &str = "SELECT s.version, s.definition, s.note, s.published_at, s.published_by, \
            u.display_name, u.municipality_id, u.erased_at IS NOT NULL AS erased \
     FROM scoring_models s LEFT JOIN users u ON u.id = s.published_by \
     WHERE s.version = $1";

const VERSIONS: &str = "SELECT s.version, s.definition, s.note, s.published_at, s.published_by, \
            u.display_name, u.municipality_id, u.erased_at IS NOT NULL AS erased \
     FROM scoring_models s LEFT JOIN users u ON u.id = s.published_by \
     ORDER BY s.version DESC";

/// Version 1 is written once: by whichever node first needs a model.
const INSERT_DEFAULT: &str = "INSERT INTO scoring_models (version, definition, note, published_by, published_at) \
     VALUES (1, $1, '', NULL, $2) ON CONFLICT (version) DO NOTHING";

/// The next version number is taken in the insert itself; two publishers at once collide on
/// the primary key and the second is told the model changed meanwhile.
const PUBLISH: &str = "INSERT INTO scoring_models (version, definition, note, published_by, published_at) \
     SELECT COALESCE(MAX(version), 0) + 1, $1, $2, $3, $4 FROM scoring_models RETURNING version";

const DRAFT: &str = "SELECT definition, based_on, revision FROM scoring_draft WHERE id = 1";

const SAVE_DRAFT_FIRST: &str =
    "INSERT INTO scoring_draft (id, definition, based_on, revision, updated_by, updated_at) \
     VALUES (1, $1, $2, 1, $3, $4) ON CONFLICT (id) DO NOTHING";

const SAVE_DRAFT: &str = "UPDATE scoring_draft SET definition = $1, based_on = $2, revision = revision + 1, \
            updated_by = $3, updated_at = $4 \
     WHERE id = 1 AND revision = $5";

const DISCARD_DRAFT: &str = "DELETE FROM scoring_draft WHERE id = 1";

/// An assessment's note is internal to the candidate's municipality (`$2`, the reader's; NULL
/// for visitors): other readers get no note, trimmed here so it never leaves the database.
const CURRENT: &str = "SELECT a.id, a.model_version, a.answers, a.cause, \
            CASE WHEN c.municipality_id = $2 THEN a.note ELSE NULL END AS note, a.assessed_at, a.assessed_by, \
            u.display_name, u.municipality_id, u.erased_at IS NOT NULL AS erased \
     FROM candidates c JOIN assessments a ON a.id = c.assessment_id \
     LEFT JOIN users u ON u.id = a.assessed_by \
     WHERE c.id = $1";

const HISTORY: &str = "SELECT a.id, a.model_version, a.answers, a.cause, \
            CASE WHEN c.municipality_id = $2 THEN a.note ELSE NULL END AS note, a.assessed_at, a.assessed_by, \
            u.display_name, u.municipality_id, u.erased_at IS NOT NULL AS erased \
     FROM assessments a JOIN candidates c ON c.id = a.candidate_id LEFT JOIN users u ON u.id = a.assessed_by \
     WHERE a.candidate_id = $1 ORDER BY a.id DESC";

#[derive(sqlx::FromRow)]
struct VersionRow {
    version: i64,
    definition: String,
    note: String,
    published_at: OffsetDateTime,
    published_by: Option<i64>,
    display_name: Option<String>,
    municipality_id: Option<i64>,
    erased: Option<bool>,
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    definition: String,
    based_on: i64,
    revision: i64,
}

#[derive(sqlx::FromRow)]
struct AssessmentRow {
    id: i64,
    model_version: i64,
    answers: String,
    cause: String,
    note: Option<String>,
    assessed_at: OffsetDateTime,
    assessed_by: Option<i64>,
    display_name: Option<String>,
    municipality_id: Option<i64>,
    erased: Option<bool>,
}

/// Names stay inside the person's municipality (as everywhere): `reader_municipality` sees
/// names of its own people, others see "withheld".
pub(crate) fn person(
    id: Option<i64>,
    name: Option<String>,
    municipality: Option<i64>,
    erased: Option<bool>,
    reader_municipality: Option<i64>,
) -> Option<PersonRef> {
    id?;
    Some(match (erased, name) {
        (Some(true), _) | (_, None) => PersonRef::FormerEmployee,
        (_, Some(name)) if municipality.is_some() && municipality == reader_municipality => PersonRef::Named(name),
        _ => PersonRef::Withheld,
    })
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> AppResult<T> {
    serde_json::from_str(text).map_err(|error| {
        tracing::error!(%error, what, "stored JSON does not parse");
        AppError::Internal
    })
}

fn json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value).map_err(|error| {
        tracing::error!(%error, "cannot write JSON");
        AppError::Internal
    })
}

impl VersionRow {
    fn into_version(self, reader_municipality: Option<i64>) -> AppResult<ModelVersion> {
        Ok(ModelVersion {
            version: self.version,
            definition: parse(&self.definition, "scoring_models.definition")?,
            note: self.note,
            published_by: person(
                self.published_by,
                self.display_name,
                self.municipality_id,
                self.erased,
                reader_municipality,
            ),
            published_at: self.published_at,
        })
    }
}

/// The newest version's number, writing the default model as version 1 when there is none.
pub async fn latest_version(db: &Db) -> AppResult<i64> {
    let latest: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(LATEST).fetch_one(pool).await)?;
    if let Some(version) = latest {
        return Ok(version);
    }
    let definition = json(&default_model::definition())?;
    with_pool!(db, pool => sqlx::query(INSERT_DEFAULT).bind(&definition).bind(OffsetDateTime::now_utc()).execute(pool).await.map(|_| ()))?;
    Ok(1)
}

/// A published version; `NotFound` when there is no such version.
pub async fn version(db: &Db, version: i64, reader_municipality: Option<i64>) -> AppResult<ModelVersion> {
    let row =
        with_pool!(db, pool => sqlx::query_as::<_, VersionRow>(VERSION).bind(version).fetch_optional(pool).await)?;
    row.ok_or(AppError::NotFound)?.into_version(reader_municipality)
}

/// The current (newest) version.
pub async fn current(db: &Db, reader_municipality: Option<i64>) -> AppResult<ModelVersion> {
    let latest = latest_version(db).await?;
    version(db, latest, reader_municipality).await
}

/// Every version, newest first.
pub async fn versions(db: &Db, reader_municipality: Option<i64>) -> AppResult<Vec<ModelVersion>> {
    latest_version(db).await?;
    let rows = with_pool!(db, pool => sqlx::query_as::<_, VersionRow>(VERSIONS).fetch_all(pool).await)?;
    rows.into_iter().map(|r| r.into_version(reader_municipality)).collect()
}

/// Publishes `definition` as the next version and drops the draft; returns the new number.
/// The caller has checked `definition.problems()` is empty.
pub async fn publish(db: &Db, definition: &Definition, note: &str, by: i64) -> AppResult<i64> {
    latest_version(db).await?;
    let text = json(definition)?;
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let version: i64 = sqlx::query_scalar(PUBLISH).bind(&text).bind(note).bind(by).bind(now).fetch_one(&mut *tx).await?;
        sqlx::query(DISCARD_DRAFT).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(version)
    })
    .map_err(|error| match &error {
        sqlx::Error::Database(e) if e.is_unique_violation() => AppError::Conflict,
        _ => error.into(),
    })
}

/// The editor's working copy: its definition, the version it started from, and its revision.
pub struct Draft {
    pub definition: Definition,
    pub based_on: i64,
    pub revision: i64,
}

pub async fn draft(db: &Db) -> AppResult<Option<Draft>> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, DraftRow>(DRAFT).fetch_optional(pool).await)?;
    row.map(|r| {
        Ok(Draft {
            definition: parse(&r.definition, "scoring_draft.definition")?,
            based_on: r.based_on,
            revision: r.revision,
        })
    })
    .transpose()
}

/// Saves the draft if nobody saved it since `revision` was read (0: there was no draft);
/// `Conflict` otherwise.
pub async fn save_draft(db: &Db, definition: &Definition, based_on: i64, revision: i64, by: i64) -> AppResult<()> {
    let text = json(definition)?;
    let now = OffsetDateTime::now_utc();
    let done = with_pool!(db, pool => {
        if revision == 0 {
            sqlx::query(SAVE_DRAFT_FIRST).bind(&text).bind(based_on).bind(by).bind(now).execute(pool).await.map(|r| r.rows_affected())
        } else {
            sqlx::query(SAVE_DRAFT).bind(&text).bind(based_on).bind(by).bind(now).bind(revision).execute(pool).await.map(|r| r.rows_affected())
        }
    })?;
    if done == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict)
    }
}

pub async fn discard_draft(db: &Db) -> AppResult<()> {
    with_pool!(db, pool => sqlx::query(DISCARD_DRAFT).execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// A snapshot to store.
pub struct NewAssessment<'a> {
    pub candidate_id: i64,
    pub model_version: i64,
    pub answers: &'a Answers,
    pub score: &'a Score,
    pub cause: Cause,
    pub note: Option<&'a str>,
    pub by: i64,
    /// The snapshot the writer saw as current, when it must still be current (a re-score
    /// computed from it); `None` replaces whatever is current.
    pub replaces: Option<i64>,
}

/// Columns bound per snapshot.
const INSERT_PARAMS: usize = 12;
/// Snapshots per statement: 500 × 12 = 6,000 parameters, well below SQLite's 32,766 and
/// PostgreSQL's 65,535.
const CHUNK: usize = 500;

/// `INSERT … VALUES (…), (…) RETURNING id, candidate_id` for `rows` snapshots. Built from the
/// row count only (never from input); both databases accept it.
fn insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO assessments (candidate_id, model_version, answers, value_score, feasibility_score, utility, \
         quadrant, knocked_out, cause, note, assessed_by, assessed_at) VALUES ",
    );
    for r in 0..rows {
        let base = r * INSERT_PARAMS;
        let params: Vec<String> = (1..=INSERT_PARAMS).map(|p| format!("${}", base + p)).collect();
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        sql.push_str(&params.join(", "));
        sql.push(')');
    }
    sql.push_str(" RETURNING id, candidate_id");
    sql
}

/// Points each candidate at its new snapshot, `UPDATE … FROM (VALUES (candidate, snapshot,
/// replaces), …)`, unless its current snapshot is no longer the one the writer saw. VALUES
/// names its columns column1, column2, … in both databases.
fn update_sql(rows: usize) -> String {
    let values: Vec<String> = (0..rows).map(|r| format!("(${}, ${}, ${})", 3 * r + 1, 3 * r + 2, 3 * r + 3)).collect();
    format!(
        "UPDATE candidates SET assessment_id = v.column2 FROM (VALUES {}) AS v \
         WHERE candidates.id = v.column1 AND (v.column3 IS NULL OR candidates.assessment_id = v.column3)",
        values.join(", ")
    )
}

/// Stores snapshots and makes each its candidate's current one, all or nothing, in one
/// transaction: one for an assessment, a backlog's worth for a re-score (a chunk of 500 is one
/// INSERT and one UPDATE; docs/benchmarks.md, "Re-scoring"). `Conflict`, with nothing stored,
/// when a snapshot's `replaces` is no longer current. Returns the new ids in `new`'s order.
pub async fn insert_assessments(db: &Db, new: &[NewAssessment<'_>]) -> AppResult<Vec<i64>> {
    let now = OffsetDateTime::now_utc();
    let mut texts = Vec::with_capacity(new.len());
    for n in new {
        texts.push(json(n.answers)?);
    }
    let rows: Vec<(&NewAssessment<'_>, &String)> = new.iter().zip(&texts).collect();
    let stored = with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut stored = Vec::with_capacity(new.len());
        for chunk in rows.chunks(CHUNK) {
            let sql = insert_sql(chunk.len());
            let mut insert = sqlx::query_as::<_, (i64, i64)>(&sql);
            for (n, answers) in chunk {
                insert = insert
                    .bind(n.candidate_id).bind(n.model_version).bind(answers.as_str())
                    .bind(clamp(n.score.value)).bind(clamp(n.score.feasibility)).bind(clamp(n.score.utility))
                    .bind(n.score.quadrant.key()).bind(!n.score.knocked_out_by.is_empty())
                    .bind(n.cause.key()).bind(n.note).bind(n.by).bind(now);
            }
            let mut ids = insert.fetch_all(&mut *tx).await?;
            // RETURNING gives no order guarantee: pair the ids with the snapshots by candidate
            // (a candidate appears once per call).
            ids.sort_unstable_by_key(|&(_, candidate)| candidate);
            let sql = update_sql(chunk.len());
            let mut update = sqlx::query(&sql);
            for (n, _) in chunk {
                let id = ids
                    .binary_search_by_key(&n.candidate_id, |&(_, candidate)| candidate)
                    .map(|at| ids[at].0)
                    .map_err(|_| sqlx::Error::RowNotFound)?;
                update = update.bind(n.candidate_id).bind(id).bind(n.replaces);
                stored.push(id);
            }
            let updated = update.execute(&mut *tx).await?.rows_affected();
            if usize::try_from(updated).ok() != Some(chunk.len()) {
                // A current snapshot changed since the writer read it: store nothing (dropping
                // the transaction rolls it back).
                return Err(AppError::Conflict);
            }
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(stored)
    })?;
    Ok(stored)
}

/// Scores are 0–100 by construction; rounding may leave 100.00000000000001.
fn clamp(v: f64) -> f64 {
    v.clamp(0.0, 100.0)
}

/// A stored snapshot, before scoring it again for display.
#[derive(Clone, Debug)]
pub struct StoredAssessment {
    pub id: i64,
    pub model_version: i64,
    pub answers: Answers,
    pub cause: Cause,
    pub note: Option<String>,
    pub at: OffsetDateTime,
    pub by: Option<PersonRef>,
    pub by_id: Option<i64>,
}

impl AssessmentRow {
    fn into_stored(self, reader_municipality: Option<i64>) -> AppResult<StoredAssessment> {
        let cause = match self.cause.as_str() {
            "answers" => Cause::Answers,
            "model" => Cause::Model,
            other => {
                tracing::error!(value = other, "unknown assessment cause stored");
                return Err(AppError::Internal);
            }
        };
        Ok(StoredAssessment {
            id: self.id,
            model_version: self.model_version,
            answers: parse(&self.answers, "assessments.answers")?,
            cause,
            note: self.note,
            at: self.assessed_at,
            by: person(self.assessed_by, self.display_name, self.municipality_id, self.erased, reader_municipality),
            by_id: self.assessed_by,
        })
    }
}

/// The candidate's current snapshot, if it was ever assessed. The caller checked access.
pub async fn current_assessment(
    db: &Db,
    candidate_id: i64,
    reader_municipality: Option<i64>,
) -> AppResult<Option<StoredAssessment>> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, AssessmentRow>(CURRENT).bind(candidate_id).bind(reader_municipality).fetch_optional(pool).await)?;
    row.map(|r| r.into_stored(reader_municipality)).transpose()
}

/// Every snapshot of the candidate, newest first. The caller checked access.
pub async fn assessment_history(
    db: &Db,
    candidate_id: i64,
    reader_municipality: Option<i64>,
) -> AppResult<Vec<StoredAssessment>> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, AssessmentRow>(HISTORY).bind(candidate_id).bind(reader_municipality).fetch_all(pool).await)?;
    rows.into_iter().map(|r| r.into_stored(reader_municipality)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_number_their_parameters_in_order() {
        let sql = insert_sql(2);
        assert!(sql.contains("VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12), ($13, "));
        assert!(sql.ends_with("$24) RETURNING id, candidate_id"));
        assert_eq!(
            update_sql(2),
            "UPDATE candidates SET assessment_id = v.column2 FROM (VALUES ($1, $2, $3), ($4, $5, $6)) AS v \
             WHERE candidates.id = v.column1 AND (v.column3 IS NULL OR candidates.assessment_id = v.column3)"
        );
    }
}
