//! Candidate rules, free of HTTP: every function takes the caller and asks the policy first.

use crate::candidates::activity::store::{self as activity, Facts};
use crate::candidates::lifecycle;
use crate::candidates::model::{
    CandidateDetail, CandidateForm, CandidateListView, CandidatePage, CandidateSummary, CommentForm, HistoryEvent,
    Notification, PhaseStay, ReportContext, TransitionForm, Viewer,
};
use crate::candidates::search::model::{search_terms, CandidateQuery, QueryNote, PAGE_SIZE};
use crate::candidates::store;
use crate::candidates::validate::{validate, COMMENT_MAX};
use crate::common::error::{AppError, AppResult, Invalid};
use crate::common::locale::Locale;
use crate::crypto::KeyRing;
use crate::db::Db;
use crate::identity::model::Actor;
use crate::identity::policy::{self, CandidateScope};
use time::OffsetDateTime;

/// How many pages past the asked one the list counts exactly (see `store::count`).
const COUNT_AHEAD_PAGES: u64 = 10;
/// The same with a search text or a filter: such a count scans matches that may be spread
/// over the whole table, and the result is narrower, so two pages ahead are enough.
const COUNT_AHEAD_PAGES_FILTERED: u64 = 2;

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
    let page_size = i64::from(PAGE_SIZE);
    if query.page_number() == 1 {
        // A first page that is not full is the whole result: no count needed.
        query.page = 0;
        let items = store::search(db, scope, &query, page_size, 0).await?;
        if items.len() < PAGE_SIZE as usize {
            let total = items.len() as u64;
            return Ok(CandidatePage { query, notes, items, total, more: false, page: 1, pages: 1 });
        }
        let (total, more, pages) = count(db, scope, &query, 1).await?;
        return Ok(CandidatePage { query, notes, items, total, more, page: 1, pages });
    }
    let mut page = query.page_number();
    let (total, more, pages) = count(db, scope, &query, page).await?;
    if page > pages && !more {
        notes.push(QueryNote::PageAfterLast);
        page = pages;
    }
    query.page = if page > 1 { page } else { 0 };
    let items = if total == 0 {
        Vec::new()
    } else {
        let offset = i64::from(page - 1) * page_size;
        store::search(db, scope, &query, page_size, offset).await?
    };
    Ok(CandidatePage { query, notes, items, total, more, page, pages })
}

/// Words shorter than this are left out of the "already reported?" hint: "by", "og", "im"
/// would match half the registry.
const SIMILAR_WORD_MIN: usize = 3;
/// How many candidates the hint shows.
pub const SIMILAR_MAX: i64 = 5;

/// Candidates the caller can see (their own municipality's and shared ones) that look like a
/// title being typed, best match first, so a process is not reported twice.
pub async fn similar(db: &Db, actor: Option<&Actor>, title: &str) -> AppResult<Vec<CandidateSummary>> {
    let terms: Vec<String> =
        search_terms(title).into_iter().filter(|t| t.chars().count() >= SIMILAR_WORD_MIN).collect();
    store::similar(db, CandidateScope::of(actor), &terms, SIMILAR_MAX).await
}

/// (total, more, pages) of the query's matches, counted exactly up to a few pages past `page`;
/// beyond, "more than".
async fn count(db: &Db, scope: CandidateScope, query: &CandidateQuery, page: u32) -> AppResult<(u64, bool, u32)> {
    let ahead = if query.is_filtered() { COUNT_AHEAD_PAGES_FILTERED } else { COUNT_AHEAD_PAGES };
    let cap = (u64::from(page) + ahead) * u64::from(PAGE_SIZE) + 1;
    let counted =
        u64::try_from(store::count(db, scope, query, i64::try_from(cap).unwrap_or(i64::MAX)).await?).unwrap_or(0);
    let more = counted >= cap;
    let total = if more { cap - 1 } else { counted };
    let pages = u32::try_from(total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(u32::MAX).max(1);
    Ok((total, more, pages))
}

/// The list page: a page of results and the choices of the filter form.
pub async fn list_view(db: &Db, actor: Option<&Actor>, raw_query: &str) -> AppResult<CandidateListView> {
    let (query, notes) = CandidateQuery::parse(raw_query);
    let results = search(db, actor, query, notes).await?;
    let choices = store::filter_choices(db, CandidateScope::of(actor), actor.map(|a| a.municipality_id)).await?;
    Ok(CandidateListView {
        results,
        departments: choices.departments,
        municipalities: choices.municipalities,
        labels: choices.labels,
        signed_in: actor.is_some(),
        may_import: policy::may_import_candidates(actor).is_ok(),
    })
}

/// One candidate with its phases, comments and what the caller may do, or `NotFound` both
/// when it does not exist and when the caller may not see it. Without the sealed contact:
/// see [`get_with_contact`].
pub async fn get(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<CandidateDetail> {
    detail(db, None, actor, id).await
}

/// [`get`], and the contact opened with `keys` for readers of the candidate's own municipality.
pub async fn get_with_contact(db: &Db, keys: &KeyRing, actor: Option<&Actor>, id: i64) -> AppResult<CandidateDetail> {
    detail(db, Some(keys), actor, id).await
}

#[tracing::instrument(skip(db, keys, actor))]
async fn detail(db: &Db, keys: Option<&KeyRing>, actor: Option<&Actor>, id: i64) -> AppResult<CandidateDetail> {
    let mut detail = store::get(db, CandidateScope::of(actor), id).await?.ok_or(AppError::NotFound)?;
    let facts = activity::facts(db, id).await?.ok_or(AppError::NotFound)?;
    let access = facts.access()?;
    let now = OffsetDateTime::now_utc();
    detail.phases = activity::phases(db, id)
        .await?
        .into_iter()
        .map(|(phase, entered, left)| PhaseStay {
            phase,
            entered_on: entered.date(),
            left_on: left.map(|l| l.date()),
            days: (left.unwrap_or(now) - entered).whole_days().max(0),
        })
        .collect();
    detail.comments = activity::comments(db, id, actor.map(|a| a.municipality_id)).await?;
    detail.followers = activity::followers(db, id).await?;
    detail.viewer = Viewer {
        signed_in: actor.is_some(),
        following: match actor {
            Some(a) => activity::is_following(db, a.user_id, id).await?,
            None => false,
        },
        may_move: policy::may_move_candidate(actor, access).is_ok(),
        may_edit: crate::candidates::record::service::may_edit(actor, &facts),
        may_comment: policy::may_take_part(actor, access).is_ok(),
        may_see_history: policy::may_see_history(actor, access).is_ok(),
    };
    detail.record = crate::candidates::record::service::view(db, keys, actor, &facts).await?;
    if !detail.viewer.may_see_history {
        // Departments are the municipality's own business.
        detail.department_id = None;
    }
    Ok(detail)
}

async fn facts(db: &Db, id: i64) -> AppResult<Facts> {
    activity::facts(db, id).await?.ok_or(AppError::NotFound)
}

/// Moves a candidate to another phase or status (see [`lifecycle`] for the rules), audited and
/// announced to its followers.
#[tracing::instrument(skip(db, actor, form), fields(candidate = form.candidate_id))]
pub async fn transition(db: &Db, actor: Option<&Actor>, form: &TransitionForm) -> AppResult<()> {
    let facts = facts(db, form.candidate_id).await?;
    policy::may_move_candidate(actor, facts.access()?)?;
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    let to = lifecycle::check(facts.standing()?, form)?;
    if let Some(original) = to.duplicate_of {
        // The original must be a candidate the mover can see; anything else is an unknown number.
        if store::get(db, CandidateScope::of(Some(actor)), original).await?.is_none() {
            return Err(AppError::invalid("duplicate_of", Invalid::UnknownChoice));
        }
    }
    activity::transition(db, actor.user_id, &facts, &to).await?;
    tracing::info!(user = actor.user_id, phase = to.phase.as_str(), status = to.status.as_str(), "candidate moved");
    Ok(())
}

/// Adds a comment by anyone who may read the candidate; its followers are notified.
#[tracing::instrument(skip(db, actor, form), fields(candidate = form.candidate_id))]
pub async fn comment(db: &Db, actor: Option<&Actor>, form: &CommentForm) -> AppResult<i64> {
    let facts = facts(db, form.candidate_id).await?;
    let actor = policy::may_take_part(actor, facts.access()?)?;
    let body = form.body.trim();
    if body.is_empty() {
        return Err(AppError::invalid("body", Invalid::Required));
    }
    if body.chars().count() > COMMENT_MAX as usize {
        return Err(AppError::invalid("body", Invalid::TooLong { max: COMMENT_MAX }));
    }
    activity::add_comment(db, actor.user_id, facts.id, body).await
}

/// Follows or stops following a candidate the caller may read.
pub async fn follow(db: &Db, actor: Option<&Actor>, id: i64, follow: bool) -> AppResult<()> {
    let facts = facts(db, id).await?;
    let actor = policy::may_take_part(actor, facts.access()?)?;
    activity::set_following(db, actor.user_id, id, follow).await
}

/// How many notifications the notifications page shows.
pub const NOTIFICATIONS_SHOWN: i64 = 100;

/// The caller's notifications about candidates they may still read.
pub async fn notifications(db: &Db, actor: Option<&Actor>) -> AppResult<Vec<Notification>> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    activity::notifications(db, CandidateScope::of(Some(actor)), NOTIFICATIONS_SHOWN).await
}

/// Unread notifications of the caller; `None` for visitors, who have no notifications.
pub async fn unread(db: &Db, actor: Option<&Actor>) -> AppResult<Option<i64>> {
    match actor {
        Some(actor) => Ok(Some(activity::unread(db, CandidateScope::of(Some(actor))).await?)),
        None => Ok(None),
    }
}

/// Marks the caller's notifications up to `up_to` (the newest one they saw) as read.
pub async fn mark_read(db: &Db, actor: Option<&Actor>, up_to: i64) -> AppResult<()> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    activity::mark_read(db, actor.user_id, up_to).await
}

/// The audit trail, for readers of the candidate's own municipality.
pub async fn history(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<Vec<HistoryEvent>> {
    let facts = facts(db, id).await?;
    policy::may_see_history(actor, facts.access()?)?;
    activity::history(db, id).await
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

/// Whether the caller wants e-mail about the candidates they follow.
pub async fn mail_wanted(db: &Db, actor: Option<&Actor>) -> AppResult<bool> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    crate::candidates::activity::outbox::wants_mail(db, actor.user_id).await?.ok_or(AppError::NotFound)
}

/// Turns the caller's e-mail about followed candidates on or off. Rows not mailed yet follow
/// the new choice: the outbox asks at sending time.
pub async fn set_mail_wanted(db: &Db, actor: Option<&Actor>, wanted: bool) -> AppResult<()> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    crate::candidates::activity::outbox::set_wants_mail(db, actor.user_id, wanted).await?;
    tracing::info!(user = actor.user_id, wanted, "e-mail choice saved");
    Ok(())
}
