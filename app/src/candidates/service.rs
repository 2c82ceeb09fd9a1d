//! Candidate rules, free of HTTP: every function takes the caller and asks the policy first.

use super::model::{CandidateDetail, CandidateForm, CandidateListView, CandidatePage, CandidateSummary, ReportContext};
use super::query::{CandidateQuery, QueryNote, PAGE_SIZE};
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

/// How many pages past the asked one the list counts exactly (see `store::count`).
const COUNT_AHEAD_PAGES: u64 = 10;

/// One page of the list as `query` asks, among the candidates the caller may see; `notes` are
/// what reading the query dropped, and this adds its own (a page after the last).
#[tracing::instrument(skip_all)]
pub async fn search(
    db: &Db,
    actor: Option<&Actor>,
    mut query: CandidateQuery,
    mut notes: Vec<QueryNote>,
) -> AppResult<CandidatePage> {
    if query.mine && actor.is_none() {
        query.mine = false;
        notes.push(QueryNote::MineNeedsSignIn);
    }
    let scope = CandidateScope::of(actor);
    // Counted exactly up to ten pages past the one asked for; beyond, "more than".
    let mut page = query.page_number();
    let cap = (u64::from(page) + COUNT_AHEAD_PAGES) * u64::from(PAGE_SIZE) + 1;
    let counted =
        u64::try_from(store::count(db, scope, &query, i64::try_from(cap).unwrap_or(i64::MAX)).await?).unwrap_or(0);
    let more = counted >= cap;
    let total = if more { cap - 1 } else { counted };
    let pages = u32::try_from(total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(u32::MAX).max(1);
    if page > pages && !more {
        notes.push(QueryNote::PageAfterLast);
        page = pages;
    }
    query.page = if page > 1 { page } else { 0 };
    let items = if total == 0 {
        Vec::new()
    } else {
        let offset = i64::from(page - 1) * i64::from(PAGE_SIZE);
        store::search(db, scope, &query, i64::from(PAGE_SIZE), offset).await?
    };
    Ok(CandidatePage { query, notes, items, total, more, page, pages })
}

/// The list page: a page of results and the choices of the filter form.
pub async fn list_view(db: &Db, actor: Option<&Actor>, raw_query: &str) -> AppResult<CandidateListView> {
    let (query, notes) = CandidateQuery::parse(raw_query);
    let results = search(db, actor, query, notes).await?;
    let departments = match actor {
        Some(a) => store::departments(db, a.municipality_id).await?,
        None => Vec::new(),
    };
    Ok(CandidateListView {
        results,
        departments,
        municipalities: store::municipalities(db).await?,
        signed_in: actor.is_some(),
    })
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
