//! How the API says no: a JSON body with a stable code, field problems for invalid input, the
//! status of [`AppError::status`], and the Bearer challenge of RFC 6750 on 401 and 403.

use app::common::error::{AppError, FieldError};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No `Authorization` header. RFC 6750 (3.1): the challenge then carries no error code.
    NoToken,
    /// Not a Bearer token, malformed, unknown, revoked, expired, or its owner erased: one answer
    /// for all, the reason is in the log.
    InvalidToken,
    /// A `read` token on a request that writes.
    InsufficientScope,
    MethodNotAllowed,
    App(AppError),
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        ApiError::App(error)
    }
}

/// Every error answer of the API.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody<'a> {
    /// A stable code: `unauthenticated`, `invalid_token`, `insufficient_scope`, `forbidden`,
    /// `not_found`, `method_not_allowed`, `bad_request`, `invalid`, `conflict`, `internal`.
    #[schema(example = "invalid")]
    error: &'a str,
    /// For `invalid`: each refused field and why; empty otherwise.
    fields: &'a [FieldError],
}

const REALM: &str = "Bearer realm=\"autoport\"";

/// The stable code a client can branch on.
fn code(error: &AppError) -> &'static str {
    match error {
        AppError::NotFound => "not_found",
        AppError::Unauthenticated => "unauthenticated",
        AppError::Forbidden => "forbidden",
        AppError::BadCredentials => "bad_credentials",
        AppError::TooManyAttempts => "too_many_attempts",
        AppError::Invalid(_) => "invalid",
        AppError::Conflict => "conflict",
        AppError::Internal => "internal",
        AppError::Request => "bad_request",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, fields, challenge): (u16, &str, &[FieldError], Option<String>) = match &self {
            ApiError::NoToken => (401, "unauthenticated", &[], Some(REALM.to_owned())),
            ApiError::InvalidToken => (401, "invalid_token", &[], Some(format!("{REALM}, error=\"invalid_token\""))),
            ApiError::InsufficientScope => (
                403,
                "insufficient_scope",
                &[],
                Some(format!("{REALM}, error=\"insufficient_scope\", scope=\"write\"")),
            ),
            ApiError::MethodNotAllowed => (405, "method_not_allowed", &[], None),
            ApiError::App(error) => {
                let fields = match error {
                    AppError::Invalid(fields) => fields.as_slice(),
                    _ => &[],
                };
                let challenge = (error.status() == 401).then(|| REALM.to_owned());
                (error.status(), code(error), fields, challenge)
            }
        };
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(ErrorBody { error: code, fields })).into_response();
        if let Some(value) = challenge.and_then(|c| HeaderValue::from_str(&c).ok()) {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}
