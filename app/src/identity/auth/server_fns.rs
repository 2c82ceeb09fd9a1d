//! Server functions for signing in and out.

use crate::common::error::AppError;
use crate::identity::model::CurrentUser;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/fn", endpoint = "identity/me", input = GetUrl)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    Ok(ctx.auth.user.map(|u| u.current))
}

/// Signs in with e-mail and password, then continues to `next` (a local path) or the start page.
#[server(prefix = "/fn", endpoint = "identity/login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::identity::request::{client_ip, ctx, local_path, reply};
    let mut ctx = ctx().await?;
    let client = client_ip();
    reply(crate::identity::auth::service::sign_in(&ctx.db, &mut ctx.auth, &email, password, ctx.locale, client).await)?;
    leptos_axum::redirect(&local_path(next.as_deref(), "/"));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "identity/logout")]
pub async fn logout() -> Result<(), AppError> {
    let mut ctx = crate::identity::request::ctx().await?;
    ctx.auth.logout().await.map_err(|e| {
        tracing::error!(error = %e, "ending the session failed");
        AppError::Internal
    })?;
    leptos_axum::redirect("/");
    Ok(())
}
