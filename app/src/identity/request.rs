//! The door every server function walks through: who is calling, in which language, with
//! which database; and how an error leaves (status code, log line, no internals).

use crate::common::error::{AppError, AppResult};
use crate::common::locale::Locale;
use crate::db::Db;
use crate::identity::auth::AuthSession;
use crate::identity::model::Actor;
use crate::identity::state::AppState;
use leptos::prelude::*;

pub use crate::common::web::{client_ip, is_plain_form_post, local_path, set_error_status, ClientIp};

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
    Ok(Ctx { db: state.db.clone(), actor, locale: crate::common::locale::request_locale(), auth, state })
}

/// Sets the HTTP status for an error answer of a server function.
pub fn reply<T>(result: AppResult<T>) -> AppResult<T> {
    if let Err(error) = &result {
        set_error_status(error.status());
    }
    result
}
