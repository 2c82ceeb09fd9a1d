//! Server functions for assessments: thin doors onto [`assessment_service`](crate::scoring::assessment::service).

use crate::common::error::AppError;
use crate::scoring::assessment::model::{AssessContext, AssessForm, ScoreHistory, ScoreSection};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/fn", endpoint = "scoring/score", input = GetUrl)]
pub async fn get_score(id: i64) -> Result<ScoreSection, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::scoring::assessment::service::view(&ctx.db, ctx.actor.as_ref(), id, ctx.locale).await)
}

#[server(prefix = "/fn", endpoint = "scoring/history", input = GetUrl)]
pub async fn get_score_history(id: i64) -> Result<ScoreHistory, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::scoring::assessment::service::history(&ctx.db, ctx.actor.as_ref(), id, ctx.locale).await)
}

#[server(prefix = "/fn", endpoint = "scoring/assess_context", input = GetUrl)]
pub async fn get_assess_context(id: i64) -> Result<AssessContext, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::scoring::assessment::service::form_context(&ctx.db, ctx.actor.as_ref(), id, ctx.locale).await)
}

/// Stores the assessment and sends the browser back to the candidate's score, saying so.
#[server(prefix = "/fn", endpoint = "scoring/assess")]
pub async fn assess_candidate(id: i64, form: AssessForm) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::scoring::assessment::service::assess_form(&ctx.db, ctx.actor.as_ref(), id, &form, ctx.locale).await)?;
    leptos_axum::redirect(&format!("/candidates/{id}?assessed=1#score"));
    Ok(())
}
