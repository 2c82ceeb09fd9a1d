//! What happens around a candidate, over the API: moving it, comments, its history, following,
//! and the caller's notifications. Thin doors onto `candidates::service`, which asks the
//! policy; the token's scope is checked first (writes need `write`).

use super::body::{self, Problems};
use super::candidates::Scalar;
use super::openapi::{BadRequest, Conflict, Forbidden, InsufficientScope, Internal, Invalid, NotFound, Unauthorized};
use super::{ApiError, Caller, PREFIX};
use app::candidates::model::{
    CandidateDetail, Comment, CommentForm, HistoryEvent, Notification, Phase, Status, TransitionForm,
};
use app::candidates::service;
use app::common::error::AppError;
use app::identity::state::AppState;
use app::identity::tokens::model::TokenScope;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// A path whose id is not a number names no candidate.
pub(super) fn path<T>(id: Result<Path<T>, PathRejection>) -> Result<T, AppError> {
    id.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

/// Where to move a candidate. Text fields also take numbers; a missing field or `null` is blank;
/// other fields are refused (`UnknownField`).
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"phase": "assessment", "status": "on_hold", "reason": "Waiting for IT's review"}))]
pub struct TransitionBody {
    /// The phase to be in afterwards (the current one when only the status changes).
    #[schema(value_type = Phase, required = true)]
    phase: Option<Value>,
    #[schema(value_type = Status, required = true)]
    status: Option<Value>,
    /// Why. Needed for every status but `active`, and for any phase move but the next one.
    #[schema(value_type = Option<String>, max_length = 2000)]
    reason: Option<Value>,
    /// For status `duplicate`: the original, a candidate the caller can see (`12` or `"#12"`).
    #[schema(value_type = Option<Scalar>)]
    duplicate_of: Option<Value>,
    /// Whatever else came, refused as `UnknownField`.
    #[serde(flatten)]
    #[schema(ignore)]
    rest: Map<String, Value>,
}

/// Moves a candidate to another phase or status, as a coordinator over it may; audited and
/// announced to its followers.
#[utoipa::path(
    post,
    path = "/candidates/{id}/transition",
    tag = "candidates",
    params(("id" = i64, Path, description = "The candidate")),
    request_body = TransitionBody,
    responses(
        (status = 200, description = "Moved; the candidate as it is now", body = CandidateDetail),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 422, response = Invalid),
        (status = 500, response = Internal),
    )
)]
pub async fn transition(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<TransitionBody>, JsonRejection>,
) -> Result<Json<CandidateDetail>, ApiError> {
    let actor = caller.allowed(TokenScope::Write)?;
    let id = path(id)?;
    let body = body::parse(body)?;
    let mut problems = Problems::default();
    let form = TransitionForm {
        candidate_id: id,
        phase: problems.text("phase", body.phase),
        status: problems.text("status", body.status),
        reason: problems.text("reason", body.reason),
        duplicate_of: problems.text("duplicate_of", body.duplicate_of),
    };
    problems.unknown(&body.rest);
    problems.finish()?;
    service::transition(&state.db, Some(actor), &form).await?;
    Ok(Json(service::get_with_contact(&state.db, &state.keys, Some(actor), id).await?))
}

#[derive(Serialize, ToSchema)]
pub struct Comments {
    /// Oldest first. Names of people of other municipalities are withheld.
    comments: Vec<Comment>,
}

/// The comments on a candidate the caller may see.
#[utoipa::path(
    get,
    path = "/candidates/{id}/comments",
    tag = "candidates",
    params(("id" = i64, Path, description = "The candidate")),
    responses(
        (status = 200, description = "The comments", body = Comments),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn comments(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Comments>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let id = path(id)?;
    let comments = service::get(&state.db, Some(actor), id).await?.comments;
    Ok(Json(Comments { comments }))
}

/// One comment, where a new comment's `Location` points.
#[utoipa::path(
    get,
    path = "/candidates/{id}/comments/{comment_id}",
    tag = "candidates",
    params(
        ("id" = i64, Path, description = "The candidate"),
        ("comment_id" = i64, Path, description = "The comment"),
    ),
    responses(
        (status = 200, description = "The comment", body = Comment),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn comment(
    State(state): State<AppState>,
    caller: Caller,
    ids: Result<Path<(i64, i64)>, PathRejection>,
) -> Result<Json<Comment>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let (id, comment_id) = path(ids)?;
    let detail = service::get_with_contact(&state.db, &state.keys, Some(actor), id).await?;
    let found = detail.comments.into_iter().find(|c| c.id == comment_id).ok_or(AppError::NotFound)?;
    Ok(Json(found))
}

/// A new comment; other fields are refused (`UnknownField`).
#[derive(Deserialize, ToSchema)]
#[schema(example = json!({"body": "We automated the same letters in Aarhus last year; ask Kim."}))]
pub struct CommentBody {
    #[schema(value_type = String, required = true, max_length = 4000)]
    body: Option<Value>,
    #[serde(flatten)]
    #[schema(ignore)]
    rest: Map<String, Value>,
}

/// Comments on a candidate the caller may see, also from another municipality. The author
/// follows the candidate from then on; its other followers are notified.
#[utoipa::path(
    post,
    path = "/candidates/{id}/comments",
    tag = "candidates",
    params(("id" = i64, Path, description = "The candidate")),
    request_body = CommentBody,
    responses(
        (status = 201, description = "Stored; `Location` names it", body = Comment,
            headers(("Location" = String, description = "/api/v1/candidates/{id}/comments/{comment_id}"))),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = InsufficientScope),
        (status = 404, response = NotFound),
        (status = 422, response = Invalid),
        (status = 500, response = Internal),
    )
)]
pub async fn add_comment(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<CommentBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let actor = caller.allowed(TokenScope::Write)?;
    let id = path(id)?;
    let body = body::parse(body)?;
    let mut problems = Problems::default();
    let form = CommentForm { candidate_id: id, body: problems.text("body", body.body) };
    problems.unknown(&body.rest);
    problems.finish()?;
    let comment_id = service::comment(&state.db, Some(actor), &form).await?;
    let detail = service::get_with_contact(&state.db, &state.keys, Some(actor), id).await?;
    let Some(stored) = detail.comments.into_iter().find(|c| c.id == comment_id) else {
        tracing::error!(candidate = id, comment = comment_id, "a stored comment is not in its candidate's list");
        return Err(AppError::Internal.into());
    };
    let location = format!("{PREFIX}/candidates/{id}/comments/{comment_id}");
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(stored)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct History {
    /// Newest first.
    events: Vec<HistoryEvent>,
}

/// The audit trail of a candidate of the caller's own municipality.
#[utoipa::path(
    get,
    path = "/candidates/{id}/history",
    tag = "candidates",
    params(("id" = i64, Path, description = "The candidate")),
    responses(
        (status = 200, description = "Every recorded change", body = History),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<History>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let events = service::history(&state.db, Some(actor), path(id)?).await?;
    Ok(Json(History { events }))
}

/// Follows a candidate the caller may see: its comments and moves become notifications.
/// Following twice is following.
#[utoipa::path(
    put,
    path = "/candidates/{id}/follow",
    tag = "candidates",
    params(("id" = i64, Path, description = "The candidate")),
    responses(
        (status = 204, description = "Following"),
        (status = 401, response = Unauthorized),
        (status = 403, response = InsufficientScope),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn follow(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    set_following(state, caller, id, true).await
}

/// Stops following a candidate; not following it already is fine.
#[utoipa::path(
    delete,
    path = "/candidates/{id}/follow",
    tag = "candidates",
    params(("id" = i64, Path, description = "The candidate")),
    responses(
        (status = 204, description = "Not following"),
        (status = 401, response = Unauthorized),
        (status = 403, response = InsufficientScope),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn unfollow(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    set_following(state, caller, id, false).await
}

async fn set_following(
    state: AppState,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    follow: bool,
) -> Result<StatusCode, ApiError> {
    let actor = caller.allowed(TokenScope::Write)?;
    service::follow(&state.db, Some(actor), path(id)?, follow).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct Notifications {
    /// Newest first, at most 100, about candidates the caller may still see.
    notifications: Vec<Notification>,
}

/// What happened on the candidates the caller follows. Reading them here does not mark them read.
#[utoipa::path(
    get,
    path = "/notifications",
    tag = "notifications",
    responses(
        (status = 200, description = "The caller's notifications", body = Notifications),
        (status = 401, response = Unauthorized),
        (status = 500, response = Internal),
    )
)]
pub async fn notifications(State(state): State<AppState>, caller: Caller) -> Result<Json<Notifications>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let notifications = service::notifications(&state.db, Some(actor)).await?;
    Ok(Json(Notifications { notifications }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_fields_are_kept_for_refusal_and_null_is_blank() {
        let body: TransitionBody =
            serde_json::from_value(json!({"phase": "idea", "status": null, "reasn": "typo"})).expect("object");
        assert_eq!(body.phase, Some(json!("idea")));
        assert_eq!(body.status, None);
        assert_eq!(body.rest.keys().collect::<Vec<_>>(), vec!["reasn"]);
        assert!(serde_json::from_value::<CommentBody>(json!(["body"])).is_err(), "not an object");
    }
}
