//! The HTTP side of single sign-on: the start route per municipality and the one callback.
//! Thin: the flow is `crate::identity::sso::oidc`; any failure is logged here and the person
//! goes back to the login page with one translated, non-revealing message.

use crate::identity::auth::AuthSession;
use crate::identity::sso::oidc::Callback;
use crate::identity::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn routes(state: AppState) -> Router {
    Router::new()
        // The fixed path first: `callback` is no municipality code.
        .route("/auth/oidc/callback", get(callback))
        .route("/auth/oidc/{code}", get(start))
        .with_state(state)
}

const FAILED: &str = "/login?sso_error=1";

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location.to_owned()), (header::CACHE_CONTROL, "no-store".to_owned())])
        .into_response()
}

async fn start(State(state): State<AppState>, auth: AuthSession, Path(code): Path<String>) -> Response {
    if code.len() > 32 {
        return see_other(FAILED);
    }
    match state.oidc.start(&state.db, &state.keys, &auth.session, &code).await {
        Ok(url) => see_other(&url),
        Err(error) => {
            tracing::warn!(%error, municipality = %code, "single sign-on could not start");
            see_other(FAILED)
        }
    }
}

async fn callback(
    State(state): State<AppState>,
    mut auth: AuthSession,
    headers: HeaderMap,
    query: Result<Query<Callback>, QueryRejection>,
) -> Response {
    // A query we cannot read is a failed sign-in like any other, not a bare 400.
    let callback = query.map(|Query(q)| q).unwrap_or_default();
    match state.oidc.finish(&state.db, &state.keys, &mut auth, callback).await {
        Ok(user) => {
            tracing::info!(user, "signed in through single sign-on");
            // The person's e-mails follow the language they sign in with; not worth failing
            // a sign-in over.
            let locale = crate::common::locale::locale_from_headers(&headers);
            if let Err(error) = crate::identity::store::remember_language(&state.db, user, locale).await {
                tracing::error!(%error, "remembering the language failed");
            }
            see_other("/")
        }
        Err(error) => {
            tracing::warn!(%error, "single sign-on failed");
            see_other(FAILED)
        }
    }
}
