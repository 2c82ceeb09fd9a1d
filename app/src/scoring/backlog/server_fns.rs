//! Server functions for the backlogs, decisions and the matrix: thin doors onto
//! [`service`](crate::scoring::backlog::service). Reads are GET, writes POST (they work as plain form posts).

use crate::common::error::AppError;
use crate::scoring::backlog::model::{Backlog, CandidateDecisions, Decision, DecisionForm, MatrixData, OverrideForm};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn scope_or_not_found(key: &str) -> Result<crate::scoring::model::Scope, AppError> {
    crate::scoring::model::Scope::from_key(key).ok_or(AppError::NotFound)
}

/// The backlog page of a scope after an override: the municipality's or the consortium's.
#[cfg(feature = "ssr")]
fn backlog_path(scope: &str) -> &'static str {
    if scope == "consortium" {
        "/backlog/consortium"
    } else {
        "/backlog"
    }
}

#[server(prefix = "/fn", endpoint = "backlog/get", input = GetUrl)]
pub async fn get_backlog(
    scope: String,
    quadrant: String,
    phase: String,
    department: String,
    sort: String,
) -> Result<Backlog, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    let filter = crate::scoring::backlog::model::BacklogFilter::parse(&quadrant, &phase, &department, &sort);
    reply(
        async {
            crate::scoring::backlog::service::backlog(&ctx.db, ctx.actor.as_ref(), scope_or_not_found(&scope)?, &filter)
                .await
        }
        .await,
    )
}

#[server(prefix = "/fn", endpoint = "backlog/matrix", input = GetUrl)]
pub async fn get_matrix(
    scope: String,
    quadrant: String,
    phase: String,
    department: String,
) -> Result<MatrixData, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    let filter = crate::scoring::backlog::model::BacklogFilter::parse(&quadrant, &phase, &department, "");
    reply(
        async {
            crate::scoring::backlog::service::matrix(&ctx.db, ctx.actor.as_ref(), scope_or_not_found(&scope)?, &filter)
                .await
        }
        .await,
    )
}

/// Sets a manual rank and sends the browser back to the backlog with a notice.
#[server(prefix = "/fn", endpoint = "backlog/override")]
pub async fn override_rank(form: OverrideForm) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::scoring::backlog::service::set_override(&ctx.db, ctx.actor.as_ref(), &form).await)?;
    leptos_axum::redirect(&format!("{}?saved=override#row-{}", backlog_path(&form.scope), form.candidate_id));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "backlog/override_remove")]
pub async fn remove_rank_override(scope: String, candidate_id: i64) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::scoring::backlog::service::remove_override(&ctx.db, ctx.actor.as_ref(), &scope, candidate_id).await)?;
    leptos_axum::redirect(&format!("{}?saved=removed#row-{candidate_id}", backlog_path(&scope)));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "decisions/candidate", input = GetUrl)]
pub async fn get_candidate_decisions(id: i64) -> Result<CandidateDecisions, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::scoring::backlog::service::candidate_decisions(&ctx.db, ctx.actor.as_ref(), id).await)
}

/// Records a decision and sends the browser back to the candidate's decisions.
#[server(prefix = "/fn", endpoint = "decisions/record")]
pub async fn record_decision(form: DecisionForm) -> Result<i64, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    let id = reply(crate::scoring::backlog::service::decide(&ctx.db, ctx.actor.as_ref(), &form).await)?;
    leptos_axum::redirect(&format!("/candidates/{}?decision=saved#decisions", form.candidate_id));
    Ok(id)
}

#[server(prefix = "/fn", endpoint = "decisions/log", input = GetUrl)]
pub async fn get_decision_log(
    scope: String,
    from: String,
    to: String,
    outcome: String,
) -> Result<Vec<Decision>, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    let query = crate::scoring::backlog::model::DecisionLogQuery { scope, from, to, outcome };
    reply(crate::scoring::backlog::service::decision_log(&ctx.db, ctx.actor.as_ref(), &query).await)
}
