//! A candidate's attachments over the API: the list (trimmed like the page) and each file.
//! Uploads are the page's (a multipart form); the API reads.

use super::activity::path;
use super::openapi::{Internal, NotFound, Unauthorized};
use super::{ApiError, Caller};
use app::candidates::attachments::{self, Attachment};
use app::identity::state::AppState;
use app::identity::tokens::model::TokenScope;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Attachments {
    /// Oldest first: only those the token's owner may see (another municipality sees the shared
    /// ones, without the uploader's name). Never the content: fetch each by its id.
    attachments: Vec<Attachment>,
}

/// The attachments of a candidate the caller may see.
#[utoipa::path(
    get,
    path = "/candidates/{id}/attachments",
    tag = "candidates",
    params(("id" = i64, Path, description = "The candidate")),
    responses(
        (status = 200, description = "The attachments", body = Attachments, example = json!({"attachments": [{
            "id": 4, "file_name": "Process map.pdf", "content_type": "application/pdf", "size_bytes": 182044,
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "visibility": "shared",
            "uploaded_by": {"kind": "withheld"}, "created_at": "2026-11-23T10:15:00Z", "may_delete": false
        }]})),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Attachments>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let id = path(id)?;
    let view = attachments::view(&state.db, Some(actor), id, state.attachment_max_bytes).await?;
    Ok(Json(Attachments { attachments: view.items }))
}

/// One attachment's content, with its checked content type, as a download
/// (`Content-Disposition: attachment`). 404 also for one the caller may not see.
#[utoipa::path(
    get,
    path = "/candidates/{id}/attachments/{attachment_id}",
    tag = "candidates",
    params(
        ("id" = i64, Path, description = "The candidate"),
        ("attachment_id" = i64, Path, description = "The attachment"),
    ),
    responses(
        (status = 200, description = "The file, in its checked content type (e.g. `application/pdf`)",
            content_type = "application/octet-stream",
            headers(("Content-Disposition" = String, description = "attachment; filename=\"…\"; filename*=UTF-8''…"))),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn file(
    State(state): State<AppState>,
    caller: Caller,
    ids: Result<Path<(i64, i64)>, PathRejection>,
) -> Result<Response, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let (id, attachment_id) = path(ids)?;
    let file = attachments::download(&state.db, Some(actor), id, attachment_id).await?;
    Ok(app::candidates::attachments::http::file_response(file))
}
