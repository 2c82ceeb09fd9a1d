//! The backlogs, overrides, decisions and the matrix: each asks `identity::policy` first and
//! reads candidates through the SQL visibility filter, so nobody sees a row they may not read.

use crate::candidates::activity::store as activity;
use crate::common::error::{AppError, AppResult, FieldError, Invalid};
use crate::db::Db;
use crate::identity::model::Actor;
use crate::identity::policy::{self, CandidateAccess, CandidateScope};
use crate::scoring::backlog::model::{
    Backlog, BacklogFilter, BacklogRow, BacklogSort, CandidateDecisions, Decision, DecisionForm, DecisionLogQuery,
    MatrixData, Outcome, OverrideForm, MEETING_MAX, POSITION_MAX, RATIONALE_MAX, REASON_MAX,
};
use crate::scoring::backlog::store::{self, LogFilter, NewDecision, Row};
use crate::scoring::model::Scope;
use crate::scoring::rank::{self, Scored};
use std::collections::HashMap;
use time::{Date, OffsetDateTime};

/// The candidate's annual benefit money (DESIGN.md: benefit hours × loaded hourly rate, the
/// hours from the stored `annual_minutes`, which the triggers keep with the full formula).
///
/// The consortium value of a shared candidate is the sum of the benefit of every municipality
/// that has the same need. There is no "we have this too" yet, so it is the reporting
/// municipality's benefit alone; when that arrives, the other municipalities' benefit is added
/// here (docs/decisions.md, "Consortium value").
fn benefit_money(row: &Row) -> Option<f64> {
    row.automation_share_pct.map(|share| row.annual_minutes / 60.0 * share / 100.0 * row.loaded_hourly_rate)
}

/// Every row of a backlog the reader may see, ranked (knocked-out ones unranked), in rank order.
async fn ranked(db: &Db, actor: &Actor, scope: Scope) -> AppResult<Vec<BacklogRow>> {
    let rows = store::rows(db, CandidateScope::of(Some(actor)), scope).await?;
    let scored: Vec<Scored> = rows
        .iter()
        .map(|r| Scored { id: r.id, utility: r.utility, value: r.value_score, knocked_out: r.knocked_out })
        .collect();
    let computed = rank::computed(&scored);
    let overrides: Vec<(i64, u32)> =
        rows.iter().filter_map(|r| r.position.map(|p| (r.id, u32::try_from(p).unwrap_or(u32::MAX)))).collect();
    let order = rank::with_overrides(&computed, &overrides);
    let computed_at: HashMap<i64, u32> = places(&computed);
    let final_at: HashMap<i64, u32> = places(&order);
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let visibility = r.visibility()?;
        let access = CandidateAccess {
            municipality_id: r.municipality_id,
            reporter_id: r.reporter_id,
            visibility,
            department_path: r.department_path.as_deref(),
        };
        let may_prioritise = policy::may_prioritise(Some(actor), scope, Some(access)).is_ok();
        let rank = final_at.get(&r.id).copied();
        let computed_rank = computed_at.get(&r.id).copied();
        let manual = match (&r.position, &r.reason, rank) {
            (Some(p), Some(reason), Some(_)) => Some((u32::try_from(*p).unwrap_or(u32::MAX), reason.clone())),
            _ => None,
        };
        out.push(BacklogRow {
            id: r.id,
            phase: r.phase()?,
            quadrant: r.quadrant()?,
            latest_decision: r.latest_decision()?,
            consortium_value: benefit_money(&r),
            title: r.title,
            municipality: r.municipality,
            department: r.department,
            department_id: r.department_id,
            value: r.value_score,
            feasibility: r.feasibility_score,
            utility: r.utility,
            knocked_out: r.knocked_out,
            rank,
            computed_rank,
            manual,
            currency: r.currency,
            may_prioritise,
        });
    }
    // Ranked rows in their final order, then the knocked-out ones by utility.
    out.sort_by(|a, b| match (a.rank, b.rank) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => by_utility(a, b),
    });
    Ok(out)
}

fn places(order: &[i64]) -> HashMap<i64, u32> {
    order.iter().enumerate().map(|(i, id)| (*id, u32::try_from(i + 1).unwrap_or(u32::MAX))).collect()
}

fn by_utility(a: &BacklogRow, b: &BacklogRow) -> std::cmp::Ordering {
    b.utility.total_cmp(&a.utility).then(b.value.total_cmp(&a.value)).then(a.id.cmp(&b.id))
}

async fn departments(db: &Db, actor: &Actor, scope: Scope) -> AppResult<Vec<(i64, String, String)>> {
    match scope {
        Scope::Municipality => store::departments(db, actor.municipality_id).await,
        Scope::Consortium => Ok(Vec::new()),
    }
}

/// The chosen department and every one below it (by path); empty when none is chosen or it is
/// not one of `departments`.
fn subtree(departments: &[(i64, String, String)], chosen: Option<i64>) -> Vec<i64> {
    let Some(path) = chosen.and_then(|c| departments.iter().find(|d| d.0 == c)).map(|d| d.2.as_str()) else {
        return Vec::new();
    };
    departments.iter().filter(|d| d.2.starts_with(path)).map(|d| d.0).collect()
}

fn choices(departments: Vec<(i64, String, String)>) -> Vec<(i64, String)> {
    departments.into_iter().map(|(id, name, _)| (id, name)).collect()
}

/// A backlog for the reader: the ranked rows that pass the filters (their ranks are the
/// backlog's, not renumbered) and, apart, the knocked-out ones.
pub async fn backlog(db: &Db, actor: Option<&Actor>, scope: Scope, filter: &BacklogFilter) -> AppResult<Backlog> {
    let actor = policy::may_read_backlog(actor)?;
    let departments = departments(db, actor, scope).await?;
    let subtree = subtree(&departments, filter.department);
    let (mut rows, stopped): (Vec<BacklogRow>, Vec<BacklogRow>) =
        ranked(db, actor, scope).await?.into_iter().filter(|r| filter.keeps(r, &subtree)).partition(|r| !r.knocked_out);
    if scope == Scope::Consortium && filter.sort == BacklogSort::ConsortiumValue {
        rows.sort_by(|a, b| {
            b.consortium_value
                .unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&a.consortium_value.unwrap_or(f64::NEG_INFINITY))
                .then(a.rank.cmp(&b.rank))
        });
    }
    Ok(Backlog { scope, rows, stopped, departments: choices(departments) })
}

/// The matrix: the backlog's candidates that pass the filters, by utility, and the current
/// model's thresholds.
pub async fn matrix(db: &Db, actor: Option<&Actor>, scope: Scope, filter: &BacklogFilter) -> AppResult<MatrixData> {
    let actor = policy::may_read_backlog(actor)?;
    let departments = departments(db, actor, scope).await?;
    let subtree = subtree(&departments, filter.department);
    let mut rows: Vec<BacklogRow> =
        ranked(db, actor, scope).await?.into_iter().filter(|r| filter.keeps(r, &subtree)).collect();
    rows.sort_by(by_utility);
    let model = crate::scoring::store::current(db, Some(actor.municipality_id)).await?;
    Ok(MatrixData {
        scope,
        rows,
        value_threshold: model.definition.value_threshold,
        feasibility_threshold: model.definition.feasibility_threshold,
        departments: choices(departments),
    })
}

fn scope_of(key: &str) -> AppResult<Scope> {
    Scope::from_key(key).ok_or_else(|| AppError::invalid("scope", Invalid::UnknownChoice))
}

async fn facts(db: &Db, id: i64) -> AppResult<activity::Facts> {
    activity::facts(db, id).await?.ok_or(AppError::NotFound)
}

/// Puts a candidate at a manual place in a backlog, with the reason; replaces an earlier one.
#[tracing::instrument(skip(db, actor, form), fields(candidate = form.candidate_id))]
pub async fn set_override(db: &Db, actor: Option<&Actor>, form: &OverrideForm) -> AppResult<()> {
    let scope = scope_of(&form.scope)?;
    let facts = facts(db, form.candidate_id).await?;
    let actor = policy::may_prioritise(actor, scope, Some(facts.access()?))?;
    let mut problems = Vec::new();
    let position = match form.position.trim().parse::<i64>() {
        Ok(p) if (1..=POSITION_MAX).contains(&p) => Some(p),
        Ok(_) => {
            problems.push(field("position", Invalid::OutOfRange { min: 1, max: POSITION_MAX }));
            None
        }
        Err(_) if form.position.trim().is_empty() => {
            problems.push(field("position", Invalid::Required));
            None
        }
        Err(_) => {
            problems.push(field("position", Invalid::NotANumber));
            None
        }
    };
    let reason = text(&mut problems, "reason", &form.reason, REASON_MAX, true);
    match (position, reason, problems.is_empty()) {
        (Some(position), Some(reason), true) => {
            store::set_override(db, scope, facts.id, position, &reason, actor.user_id).await?;
            tracing::info!(user = actor.user_id, scope = scope.key(), position, "rank overridden");
            Ok(())
        }
        _ => Err(AppError::Invalid(problems)),
    }
}

/// Removes a manual place: the candidate goes back to its computed rank.
pub async fn remove_override(db: &Db, actor: Option<&Actor>, scope: &str, candidate_id: i64) -> AppResult<()> {
    let scope = scope_of(scope)?;
    let facts = facts(db, candidate_id).await?;
    let actor = policy::may_prioritise(actor, scope, Some(facts.access()?))?;
    store::remove_override(db, scope, facts.id).await?;
    tracing::info!(user = actor.user_id, scope = scope.key(), "rank override removed");
    Ok(())
}

fn field(name: &str, problem: Invalid) -> FieldError {
    FieldError { field: name.to_owned(), problem }
}

/// Trimmed text, at most `max` characters; `None` (and a problem) when required and empty or too
/// long; `Some("")` for an empty optional one.
fn text(problems: &mut Vec<FieldError>, name: &str, value: &str, max: u32, required: bool) -> Option<String> {
    let value = value.trim();
    if required && value.is_empty() {
        problems.push(field(name, Invalid::Required));
        None
    } else if value.chars().count() > max as usize {
        problems.push(field(name, Invalid::TooLong { max }));
        None
    } else {
        Some(value.to_owned())
    }
}

/// The scopes `actor` may decide in for this candidate: the municipality's for those who
/// oversee it, the consortium's for the coordination group when it is shared.
fn decision_scopes(actor: Option<&Actor>, access: CandidateAccess<'_>) -> Vec<Scope> {
    Scope::ALL.into_iter().filter(|s| policy::may_prioritise(actor, *s, Some(access)).is_ok()).collect()
}

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// Records a decision on a candidate. A bad form is refused whole, nothing stored.
#[tracing::instrument(skip(db, actor, form), fields(candidate = form.candidate_id))]
pub async fn decide(db: &Db, actor: Option<&Actor>, form: &DecisionForm) -> AppResult<i64> {
    let scope = scope_of(&form.scope)?;
    let facts = facts(db, form.candidate_id).await?;
    let actor = policy::may_prioritise(actor, scope, Some(facts.access()?))?;
    let mut problems = Vec::new();
    let outcome = Outcome::parse(&form.outcome);
    if outcome.is_none() {
        problems.push(field("outcome", Invalid::UnknownChoice));
    }
    let rationale = text(&mut problems, "rationale", &form.rationale, RATIONALE_MAX, true);
    let meeting = text(&mut problems, "meeting", &form.meeting, MEETING_MAX, false);
    let decided_on = match form.decided_on.trim() {
        "" => Some(today()),
        typed => match parse_date(typed) {
            Some(date) if date > today() => {
                problems.push(field("decided_on", Invalid::InFuture));
                None
            }
            Some(date) => Some(date),
            None => {
                problems.push(field("decided_on", Invalid::NotADate));
                None
            }
        },
    };
    let (Some(outcome), Some(rationale), Some(meeting), Some(decided_on), true) =
        (outcome, rationale, meeting, decided_on, problems.is_empty())
    else {
        return Err(AppError::Invalid(problems));
    };
    let id = store::insert_decision(
        db,
        &NewDecision {
            candidate_id: facts.id,
            scope,
            outcome,
            rationale: &rationale,
            meeting: (!meeting.is_empty()).then_some(meeting.as_str()),
            decided_on,
            by: actor.user_id,
        },
    )
    .await?;
    tracing::info!(user = actor.user_id, scope = scope.key(), outcome = outcome.as_str(), "decision recorded");
    Ok(id)
}

fn parse_date(text: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text, format).ok()
}

/// The decisions on a candidate (for anyone who may read it) and where the reader may decide.
pub async fn candidate_decisions(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<CandidateDecisions> {
    let facts = facts(db, id).await?;
    let access = facts.access()?;
    if !policy::may_view_candidate(actor, access) {
        return Err(if actor.is_none() { AppError::Unauthenticated } else { AppError::NotFound });
    }
    let decisions =
        store::decisions(db, CandidateScope::of(actor), LogFilter { candidate_id: Some(id), ..LogFilter::default() })
            .await?;
    Ok(CandidateDecisions { decisions, may_decide_in: decision_scopes(actor, access), today: today() })
}

/// The decision log: decisions on candidates the reader may see, newest first. Filters that do
/// not parse are ignored (a hand-typed URL never fails the page).
pub async fn decision_log(db: &Db, actor: Option<&Actor>, query: &DecisionLogQuery) -> AppResult<Vec<Decision>> {
    let actor = policy::may_read_backlog(actor)?;
    let filter = LogFilter {
        scope: Scope::from_key(&query.scope),
        from: parse_date(query.from.trim()),
        to: parse_date(query.to.trim()),
        outcome: Outcome::parse(&query.outcome),
        candidate_id: None,
    };
    store::decisions(db, CandidateScope::of(Some(actor)), filter).await
}

#[cfg(test)]
mod tests {
    use super::subtree;

    #[test]
    fn a_department_filter_includes_the_departments_below() {
        let d = |id: i64, path: &str| (id, format!("D{id}"), path.to_owned());
        let all = [d(1, "/1/"), d(2, "/1/2/"), d(3, "/1/2/3/"), d(4, "/4/"), d(11, "/11/")];
        assert_eq!(subtree(&all, Some(2)), vec![2, 3]);
        assert_eq!(subtree(&all, Some(1)), vec![1, 2, 3], "/11/ does not start with /1/");
        assert_eq!(subtree(&all, Some(99)), Vec::<i64>::new());
        assert_eq!(subtree(&all, None), Vec::<i64>::new());
    }
}
