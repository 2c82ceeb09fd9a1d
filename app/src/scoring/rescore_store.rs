//! Storing a re-score's snapshots in bulk. `store::insert_assessments` takes two statements a
//! snapshot, fine for one assessment but 20,000 round trips for a backlog of 10,000; here a
//! chunk of snapshots is one multi-row INSERT and one UPDATE … FROM (VALUES …), all chunks in
//! one transaction (docs/benchmarks.md, "Re-scoring").

use super::store::NewAssessment;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::with_pool;
use time::OffsetDateTime;

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

/// Points each candidate at its new snapshot: `UPDATE … FROM (VALUES (candidate, snapshot), …)`.
/// VALUES names its columns column1, column2 in both databases.
fn update_sql(rows: usize) -> String {
    let values: Vec<String> = (0..rows).map(|r| format!("(${}, ${})", 2 * r + 1, 2 * r + 2)).collect();
    format!(
        "UPDATE candidates SET assessment_id = v.column2 FROM (VALUES {}) AS v WHERE candidates.id = v.column1",
        values.join(", ")
    )
}

fn json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value).map_err(|error| {
        tracing::error!(%error, "cannot write JSON");
        AppError::Internal
    })
}

/// Like `store::insert_assessments`, in bulk: every snapshot stored and made its candidate's
/// current one, all or nothing. Returns how many were stored.
pub async fn insert_assessments_bulk(db: &Db, new: &[NewAssessment<'_>]) -> AppResult<usize> {
    let now = OffsetDateTime::now_utc();
    let mut texts = Vec::with_capacity(new.len());
    for n in new {
        texts.push(json(n.answers)?);
    }
    let rows: Vec<(&NewAssessment<'_>, &String)> = new.iter().zip(&texts).collect();
    let stored = with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut stored = 0;
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
            let ids = insert.fetch_all(&mut *tx).await?;
            let sql = update_sql(ids.len());
            let mut update = sqlx::query(&sql);
            for (id, candidate) in &ids {
                update = update.bind(*candidate).bind(*id);
            }
            update.execute(&mut *tx).await?;
            stored += ids.len();
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
            "UPDATE candidates SET assessment_id = v.column2 FROM (VALUES ($1, $2), ($3, $4)) AS v \
             WHERE candidates.id = v.column1"
        );
    }
}
