//! Server functions for single sign-on: the login page's links and the admin's settings.

use crate::common::error::AppError;
use crate::identity::sso::model::{SsoForm, SsoLink, SsoSettings};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The "Sign in with …" links: every municipality with an enabled provider.
#[server(prefix = "/fn", endpoint = "sso/links", input = GetUrl)]
pub async fn get_sso_links() -> Result<Vec<SsoLink>, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::identity::sso::store::enabled_links(&ctx.db).await.map_err(AppError::from))
}

/// The caller's municipality's provider settings (municipality admins only). Never the secret.
#[server(prefix = "/fn", endpoint = "sso/settings", input = GetUrl)]
pub async fn get_sso_settings() -> Result<SsoSettings, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::identity::sso::service::settings(&ctx.db, ctx.actor.as_ref(), &ctx.state.public_url).await,
    )
}

/// Saves the caller's municipality's provider settings, then shows the page again.
#[server(prefix = "/fn", endpoint = "sso/save")]
pub async fn save_sso_settings(form: SsoForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::identity::sso::service::save(&ctx.db, &ctx.state.keys, ctx.actor.as_ref(), form).await,
    )?;
    leptos_axum::redirect("/admin/sso?saved=1");
    Ok(())
}
