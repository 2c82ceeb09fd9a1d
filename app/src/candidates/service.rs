//! Candidate rules, free of HTTP: every function takes the caller and asks the policy first.

use super::model::{CandidateDetail, CandidateForm, CandidateSummary, ReportContext};
use super::store;
use super::validate::validate;
use crate::db::Db;
use crate::error::{AppError, AppResult, Invalid};
use crate::i18n::Locale;
use crate::identity::model::Actor;
use crate::identity::policy::{self, CandidateScope};

/// The list shows the newest candidates first; filters and paging arrive with the registry.
pub const LIST_LIMIT: i64 = 200;

#[tracing::instrument(skip_all)]
pub async fn list(db: &Db, actor: Option<&Actor>) -> AppResult<Vec<CandidateSummary>> {
    store::list(db, CandidateScope::of(actor), LIST_LIMIT).await
}

/// One candidate, or `NotFound` both when it does not exist and when the caller may not see it.
#[tracing::instrument(skip(db, actor))]
pub async fn get(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<CandidateDetail> {
    store::get(db, CandidateScope::of(actor), id).await?.ok_or(AppError::NotFound)
}

pub async fn report_context(db: &Db, actor: Option<&Actor>) -> AppResult<ReportContext> {
    let actor = policy::may_report(actor)?;
    Ok(ReportContext {
        departments: store::departments(db, actor.municipality_id).await?,
        working_time: store::working_time(db, actor.municipality_id).await?,
    })
}

/// Stores a quick report for the caller's own municipality and returns its id.
#[tracing::instrument(skip_all)]
pub async fn report(db: &Db, actor: Option<&Actor>, form: &CandidateForm, locale: Locale) -> AppResult<i64> {
    let actor = policy::may_report(actor)?;
    let new = validate(form, locale)?;
    if let Some(department_id) = new.department_id {
        // A department of another municipality is refused like an unknown one.
        if !store::department_in_municipality(db, department_id, actor.municipality_id).await? {
            return Err(AppError::invalid("department_id", Invalid::UnknownChoice));
        }
    }
    let id = store::insert(db, actor.municipality_id, actor.user_id, &new).await?;
    tracing::info!(candidate = id, user = actor.user_id, "candidate reported");
    Ok(id)
}
