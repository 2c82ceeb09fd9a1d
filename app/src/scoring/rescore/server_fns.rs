//! Server functions of the re-score page: thin doors to `scoring::rescore`.

use crate::common::error::AppError;
use crate::scoring::rescore::service::Preview;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn scope(key: &str) -> Result<crate::scoring::model::Scope, AppError> {
    crate::scoring::model::Scope::from_key(key)
        .ok_or_else(|| AppError::invalid("scope", crate::common::error::Invalid::UnknownChoice))
}

/// What re-scoring the backlog `scope` ("municipality" or "consortium") would change.
#[server(prefix = "/fn", endpoint = "scoring/rescore/preview", input = GetUrl)]
pub async fn get_rescore_preview(scope: String) -> Result<Preview, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    let scope = crate::identity::request::reply(self::scope(&scope))?;
    crate::identity::request::reply(crate::scoring::rescore::service::preview(&ctx.db, ctx.actor.as_ref(), scope).await)
}

/// Re-scores the backlog onto `version`, the version the preview showed; refused (`Conflict`)
/// when another version was published since.
#[server(prefix = "/fn", endpoint = "scoring/rescore/apply")]
pub async fn apply_rescore(scope: String, version: i64) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    let scope = crate::identity::request::reply(self::scope(&scope))?;
    crate::identity::request::reply(
        crate::scoring::rescore::service::apply(&ctx.db, ctx.actor.as_ref(), scope, version).await,
    )?;
    leptos_axum::redirect(&format!("/scoring/rescore?scope={}&done=1", scope.key()));
    Ok(())
}
