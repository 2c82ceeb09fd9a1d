//! The JSON API under `/api/v1`, for scripts and other systems.
//!
//! Only a personal API token authenticates here (`Authorization: Bearer apt_…`, resolved by
//! [`Caller`]). Session cookies count for nothing: this router is merged outside the session
//! layer, so a page on another site cannot borrow a signed-in person's browser to call it, and
//! the same-origin check on writes (`http::same_origin_writes`) is not needed here. Browsers
//! cannot add an `Authorization` header to a cross-site request without a CORS preflight,
//! which this API does not answer.
//!
//! Handlers are thin: parse, call the service (which asks the policy), map the result. Every
//! error is `{"error": "<code>", "fields": [...]}` with the status of `AppError::status()`.

mod activity;
mod attachments;
mod body;
mod candidates;
mod error;
pub mod openapi;
mod scoring;

use app::common::error::AppError;
use app::identity::model::{Actor, Profile};
use app::identity::policy;
use app::identity::state::AppState;
use app::identity::tokens::model::TokenScope;
use app::identity::tokens::service::{self as tokens, TokenCaller};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::{Extension, Json, Router};
pub use error::ApiError;
use time::OffsetDateTime;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const PREFIX: &str = "/api/v1";

/// Every route under [`PREFIX`] and its OpenAPI entry, declared once: `routes!` takes the path
/// and method from each handler's `#[utoipa::path]`, so the router and the document cannot drift.
/// The paths are relative to the document's server (`/api/v1`).
fn v1() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(me))
        .routes(routes!(openapi::openapi))
        .routes(routes!(candidates::list, candidates::create))
        .routes(routes!(candidates::get, candidates::update))
        .routes(routes!(activity::transition))
        .routes(routes!(activity::comments, activity::add_comment))
        .routes(routes!(activity::comment))
        .routes(routes!(activity::history))
        .routes(routes!(attachments::list))
        .routes(routes!(attachments::file))
        .routes(routes!(scoring::score))
        .routes(routes!(scoring::history, scoring::assess))
        .routes(routes!(activity::follow, activity::unfollow))
        .routes(routes!(activity::notifications))
        .split_for_parts()
}

/// The paths of the routes under [`PREFIX`], for the test that holds them against the router.
pub fn paths() -> Vec<String> {
    v1().1.paths.paths.into_keys().collect()
}

/// The OpenAPI document of the routes, as JSON text, for tests and tools.
pub fn document() -> Result<String, serde_json::Error> {
    v1().1.to_json()
}

pub fn routes(state: AppState) -> Router {
    let (v1, document) = v1();
    let v1 = v1
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Served by `openapi::openapi`: the document the routes above were built with.
        .layer(Extension(document));
    Router::new()
        .nest(PREFIX, v1)
        // Answers name people and unpublished candidates: no cache may keep them.
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .with_state(state)
}

/// True for the paths this router answers, which the cookie-based checks leave alone.
pub fn is_api_path(path: &str) -> bool {
    path.strip_prefix(PREFIX).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The person behind the request's Bearer token, and how far the token lets them go.
pub struct Caller(TokenCaller);

impl Caller {
    /// The token's owner, when the token's scope allows a request that needs `needed`.
    pub fn allowed(&self, needed: TokenScope) -> Result<&Actor, ApiError> {
        policy::token_permits(self.0.scope, needed).map_err(|_| ApiError::InsufficientScope)?;
        Ok(&self.0.actor)
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Err(ApiError::NoToken);
        };
        let token = bearer(value).ok_or(ApiError::InvalidToken)?;
        match tokens::authenticate(&state.db, token, OffsetDateTime::now_utc()).await {
            Ok(caller) => Ok(Caller(caller)),
            Err(AppError::Unauthenticated) => Err(ApiError::InvalidToken),
            Err(other) => Err(ApiError::App(other)),
        }
    }
}

/// The token of `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235).
fn bearer(value: &HeaderValue) -> Option<&str> {
    let (scheme, token) = value.to_str().ok()?.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Who the token belongs to: id, name, municipality, roles.
#[utoipa::path(
    get,
    path = "/me",
    tag = "identity",
    responses(
        (status = 200, description = "The token's owner", body = Profile, example = json!({
            "id": 3, "display_name": "Kim", "municipality_id": 1, "municipality": "Aarhus Kommune",
            "roles": ["reporter", "coordinator"]
        })),
        (status = 401, response = openapi::Unauthorized),
        (status = 500, response = openapi::Internal),
    )
)]
async fn me(State(state): State<AppState>, caller: Caller) -> Result<Json<Profile>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    Ok(Json(app::identity::auth::service::profile(&state.db, Some(actor)).await?))
}

async fn not_found() -> ApiError {
    ApiError::App(AppError::NotFound)
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_bearer_token() {
        let token = |v: &'static str| bearer(&HeaderValue::from_static(v)).map(str::to_owned);
        assert_eq!(token("Bearer apt_abc").as_deref(), Some("apt_abc"));
        assert_eq!(token("bearer  apt_abc ").as_deref(), Some("apt_abc"));
        assert_eq!(token("Basic dXNlcjpwYXNz"), None);
        assert_eq!(token("Bearer"), None);
        assert_eq!(token("Bearer "), None);
        assert_eq!(token("apt_abc"), None);
    }

    #[test]
    fn api_paths_are_the_prefix_and_below_only() {
        assert!(is_api_path("/api/v1"));
        assert!(is_api_path("/api/v1/candidates"));
        assert!(!is_api_path("/api/v10/candidates"));
        assert!(!is_api_path("/api/v1candidates"));
        assert!(!is_api_path("/fn/candidates/report"));
        assert!(!is_api_path("/x/api/v1/candidates"));
    }
}
