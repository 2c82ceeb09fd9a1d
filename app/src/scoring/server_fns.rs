//! Server functions of the scoring model's pages: who is calling → the service (which asks the
//! policy) → the error mapped. Writes are POST and send the browser on, so the forms work
//! without JavaScript.

use crate::common::error::AppError;
use crate::scoring::editor::service::{Comparison, DraftView, SettingsForm};
use crate::scoring::model::ModelVersion;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use std::collections::HashMap;

/// The current version, or `version`.
#[server(prefix = "/fn", endpoint = "scoring/model", input = GetUrl)]
pub async fn get_model(version: Option<i64>) -> Result<ModelVersion, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::scoring::editor::service::model(&ctx.db, ctx.actor.as_ref(), version).await)
}

#[server(prefix = "/fn", endpoint = "scoring/versions", input = GetUrl)]
pub async fn get_versions() -> Result<Vec<ModelVersion>, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::scoring::editor::service::versions(&ctx.db, ctx.actor.as_ref()).await)
}

#[server(prefix = "/fn", endpoint = "scoring/compare", input = GetUrl)]
pub async fn get_comparison(from: Option<i64>, to: Option<i64>) -> Result<Comparison, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::scoring::editor::service::compare(&ctx.db, ctx.actor.as_ref(), from, to).await,
    )
}

#[server(prefix = "/fn", endpoint = "scoring/draft", input = GetUrl)]
pub async fn get_draft() -> Result<DraftView, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::scoring::editor::service::draft(&ctx.db, ctx.actor.as_ref()).await)
}

#[server(prefix = "/fn", endpoint = "scoring/draft/settings")]
pub async fn save_model_settings(form: SettingsForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::scoring::editor::service::save_settings(&ctx.db, ctx.actor.as_ref(), &form, ctx.locale).await,
    )?;
    leptos_axum::redirect("/scoring/draft?saved=1");
    Ok(())
}

/// Saves a criterion; `original` is the key of the one edited, empty for a new one.
#[server(prefix = "/fn", endpoint = "scoring/draft/criterion")]
pub async fn save_model_criterion(original: String, form: HashMap<String, String>) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    let original = (!original.is_empty()).then_some(original.as_str());
    crate::identity::request::reply(
        crate::scoring::editor::service::save_criterion(&ctx.db, ctx.actor.as_ref(), original, &form, ctx.locale).await,
    )?;
    leptos_axum::redirect("/scoring/draft?saved=1");
    Ok(())
}

/// Removes a criterion or moves it (`op`: `remove`, `up`, `down`).
#[server(prefix = "/fn", endpoint = "scoring/draft/criterion/op")]
pub async fn change_model_criterion(revision: String, key: String, op: String) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::scoring::editor::service::criterion_op(&ctx.db, ctx.actor.as_ref(), &revision, &key, &op).await,
    )?;
    leptos_axum::redirect("/scoring/draft?saved=1");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "scoring/draft/publish")]
pub async fn publish_model(revision: String, note: String) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    let version = crate::identity::request::reply(
        crate::scoring::editor::service::publish(&ctx.db, ctx.actor.as_ref(), &revision, &note).await,
    )?;
    leptos_axum::redirect(&format!("/scoring/versions/{version}?published=1"));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "scoring/draft/discard")]
pub async fn discard_model_draft() -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::scoring::editor::service::discard(&ctx.db, ctx.actor.as_ref()).await)?;
    leptos_axum::redirect("/scoring/draft?discarded=1");
    Ok(())
}
