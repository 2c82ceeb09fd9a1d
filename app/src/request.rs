//! The door every server function walks through: who is calling, in which language, with
//! which database; and how an error leaves (status code, log line, no internals).

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::identity::auth::AuthSession;
use crate::identity::model::Actor;
use crate::state::AppState;
use leptos::prelude::*;

pub struct Ctx {
    pub db: Db,
    pub actor: Option<Actor>,
    pub locale: Locale,
    pub auth: AuthSession,
    pub state: AppState,
}

/// Gathers the caller's context. Fails only if the request lacks the layers the server
/// installs, which is a deployment error, logged as such.
pub async fn ctx() -> AppResult<Ctx> {
    let state = use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })?;
    let auth: AuthSession = leptos_axum::extract().await.map_err(|e| {
        tracing::error!(error = %e, "auth session missing from the request");
        AppError::Internal
    })?;
    let actor = auth.user.as_ref().map(|u| u.actor.clone());
    Ok(Ctx { db: state.db.clone(), actor, locale: crate::i18n::request_locale(), auth, state })
}

/// Sets the HTTP status for an error answer of a server function.
pub fn reply<T>(result: AppResult<T>) -> AppResult<T> {
    if let Err(error) = &result {
        set_error_status(error.status());
    }
    result
}

/// Sets the status of the server function's response, except for a plain HTML form post
/// (JavaScript off): that one is redirected back to its page with the error in the URL, and
/// must stay a redirect.
pub fn set_error_status(code: u16) {
    if !is_plain_form_post() {
        if let (Some(response), Ok(status)) =
            (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
        {
            response.set_status(status);
        }
    }
}

/// True for a form the browser posted itself (JavaScript off): it asks for HTML, where the
/// hydrated page's server-function client asks for the function's own encoding. Leptos tells the
/// two apart the same way when it redirects a plain form post back to its page.
pub fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::ACCEPT).cloned())
        .and_then(|v| v.to_str().ok().map(|v| v.contains("text/html")))
        .unwrap_or(false)
}

/// A local path to continue to after a form, never another site (no open redirects).
pub fn local_path(next: Option<&str>, fallback: &str) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_owned(),
        _ => fallback.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn next_must_stay_on_this_site() {
        assert_eq!(local_path(Some("/candidates/4"), "/"), "/candidates/4");
        assert_eq!(local_path(Some("//evil.example"), "/"), "/");
        assert_eq!(local_path(Some("https://evil.example"), "/"), "/");
        assert_eq!(local_path(Some("/\\evil.example"), "/"), "/");
        assert_eq!(local_path(None, "/home"), "/home");
    }
}
