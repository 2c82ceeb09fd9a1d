//! Server functions for candidates: thin doors onto [`service`](super::service).

use super::model::{CandidateDetail, CandidateForm, CandidateListView, CandidateSummary, ReportContext};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/fn", endpoint = "candidates/list", input = GetUrl)]
pub async fn list_candidates() -> Result<Vec<CandidateSummary>, AppError> {
    use crate::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(super::service::list(&ctx.db, ctx.actor.as_ref()).await)
}

/// The list page's data for a URL query string (`q=…&phase=idea&page=2`), read on the server
/// the same way for the page, the API and the CSV export.
#[server(prefix = "/fn", endpoint = "candidates/search", input = GetUrl)]
pub async fn search_candidates(query: String) -> Result<CandidateListView, AppError> {
    use crate::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(super::service::list_view(&ctx.db, ctx.actor.as_ref(), &query).await)
}

#[server(prefix = "/fn", endpoint = "candidates/get", input = GetUrl)]
pub async fn get_candidate(id: i64) -> Result<CandidateDetail, AppError> {
    use crate::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(super::service::get(&ctx.db, ctx.actor.as_ref(), id).await)
}

#[server(prefix = "/fn", endpoint = "candidates/report_context", input = GetUrl)]
pub async fn get_report_context() -> Result<ReportContext, AppError> {
    use crate::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(super::service::report_context(&ctx.db, ctx.actor.as_ref()).await)
}

/// Stores the quick report and sends the browser to the new candidate's page.
#[server(prefix = "/fn", endpoint = "candidates/report")]
pub async fn report_candidate(form: CandidateForm) -> Result<i64, AppError> {
    use crate::request::{ctx, reply};
    let ctx = ctx().await?;
    let id = reply(super::service::report(&ctx.db, ctx.actor.as_ref(), &form, ctx.locale).await)?;
    leptos_axum::redirect(&format!("/candidates/{id}"));
    Ok(id)
}
