//! Server functions of the page `/me/tokens`: thin doors onto [`service`](crate::identity::tokens::service).

use crate::common::error::AppError;
use crate::identity::tokens::model::{NewToken, TokenForm, TokenSummary};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The caller's own tokens.
#[server(prefix = "/fn", endpoint = "tokens/list", input = GetUrl)]
pub async fn list_tokens() -> Result<Vec<TokenSummary>, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::identity::tokens::service::list(&ctx.db, ctx.actor.as_ref(), time::OffsetDateTime::now_utc()).await)
}

/// Creates a token for the caller. The hydrated page shows it from this answer. A form posted
/// without JavaScript is redirected back to the page instead, so the token waits in the
/// session for that page (see [`flash`](crate::identity::tokens::flash)) and this answer carries `None`.
/// Where a new token waits for the page after a form posted without JavaScript.
#[cfg(feature = "ssr")]
const NEW_TOKEN_KEY: &str = "api_tokens.new";

#[server(prefix = "/fn", endpoint = "tokens/create")]
pub async fn create_token(form: TokenForm) -> Result<Option<NewToken>, AppError> {
    use crate::identity::request::{ctx, is_plain_form_post, reply};
    let ctx = ctx().await?;
    let now = time::OffsetDateTime::now_utc();
    let token = reply(crate::identity::tokens::service::create(&ctx.db, ctx.actor.as_ref(), &form, now).await)?;
    if !is_plain_form_post() {
        no_store();
        return Ok(Some(token));
    }
    let user_id = ctx.actor.as_ref().map(|a| a.user_id).ok_or(AppError::Unauthenticated)?;
    reply(crate::flash::put(&ctx.auth.session, NEW_TOKEN_KEY, user_id, &token, now).await)?;
    leptos_axum::redirect("/me/tokens");
    Ok(None)
}

/// The token created by the caller's last form post without JavaScript, once: taking it
/// removes it from the session. A POST, because it changes the session.
#[server(prefix = "/fn", endpoint = "tokens/take_new")]
pub async fn take_new_token() -> Result<Option<NewToken>, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    let Some(actor) = ctx.actor.as_ref() else { return Ok(None) };
    let now = time::OffsetDateTime::now_utc();
    let token = reply(crate::flash::take(&ctx.auth.session, NEW_TOKEN_KEY, actor.user_id, now).await)?;
    if token.is_some() {
        no_store();
    }
    Ok(token)
}

/// Revokes one of the caller's tokens, then shows the page again.
#[server(prefix = "/fn", endpoint = "tokens/revoke")]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(
        crate::identity::tokens::service::revoke(&ctx.db, ctx.actor.as_ref(), id, time::OffsetDateTime::now_utc())
            .await,
    )?;
    leptos_axum::redirect("/me/tokens?revoked=1");
    Ok(())
}

/// An answer that shows a token must not be kept by the browser or a proxy.
#[cfg(feature = "ssr")]
fn no_store() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
}
