//! Server functions of the import pages: thin doors onto [`service`](crate::candidates::import::service). The
//! upload itself is a multipart form posted to an axum route (`candidates::import::http`).

use crate::candidates::import::{ImportView, MappingForm, Progress};
use crate::common::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Whether the caller may import (the upload page asks before showing its form).
#[server(prefix = "/fn", endpoint = "candidates/import/allowed", input = GetUrl)]
pub async fn import_allowed() -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::identity::policy::may_import_candidates(ctx.actor.as_ref()).map(|_| ()))
}

#[server(prefix = "/fn", endpoint = "candidates/import/get", input = GetUrl)]
pub async fn get_import(job: i64) -> Result<ImportView, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::import::service::view(&ctx.db, ctx.actor.as_ref(), job).await)
}

/// Polled by the hydrated page every second while a job runs.
#[server(prefix = "/fn", endpoint = "candidates/import/progress", input = GetUrl)]
pub async fn import_progress(job: i64) -> Result<Progress, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::import::service::progress(&ctx.db, ctx.actor.as_ref(), job).await)
}

/// Saves the column mapping and sends the browser back to the job page.
#[server(prefix = "/fn", endpoint = "candidates/import/mapping")]
pub async fn save_import_mapping(form: MappingForm) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::import::service::set_mapping(&ctx.db, ctx.actor.as_ref(), &form).await)?;
    leptos_axum::redirect(&format!("/candidates/import/{}", form.job));
    Ok(())
}

/// Starts the dry run (`commit` empty) or the commit (`commit` = "1").
#[server(prefix = "/fn", endpoint = "candidates/import/run")]
pub async fn run_import(job: i64, commit: Option<String>) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(
        crate::candidates::import::service::start(
            &ctx.db,
            ctx.actor.as_ref(),
            job,
            commit.is_some_and(|c| !c.is_empty()),
        )
        .await,
    )?;
    leptos_axum::redirect(&format!("/candidates/import/{job}"));
    Ok(())
}
