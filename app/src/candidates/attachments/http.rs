//! Attachments over plain HTTP, for the candidate page's forms (they work without JavaScript):
//! `POST /candidates/{id}/attachments` (multipart upload), `GET …/{attachment_id}` (download),
//! `POST …/{attachment_id}/delete`. Session cookie like the pages; the same-origin check on
//! writes covers the two posts. After a post the browser goes back to the candidate, where the
//! outcome waits in the session (`flash`).

use crate::candidates::attachments::{
    self as service, name, too_large, AttachmentFile, AttachmentNotice, Upload, FILE_FIELD, VISIBILITY_FIELD,
};
use crate::common::error::{AppError, AppResult};
use crate::common::locale::locale_from_headers;
use crate::identity::auth::AuthSession;
use crate::identity::model::Actor;
use crate::identity::state::AppState;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use time::OffsetDateTime;

/// Room for the multipart framing and the other form fields around the file.
pub const UPLOAD_OVERHEAD: u64 = 64 * 1024;

/// The session key of the last upload's or deletion's outcome.
pub const NOTICE_KEY: &str = crate::candidates::server_fns::ATTACHMENT_NOTICE_KEY;

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/candidates/{id}/attachments/{attachment_id}", get(download))
        .route("/candidates/{id}/attachments/{attachment_id}/delete", post(delete))
        .with_state(state)
}

/// The upload route, whose body may be larger than the rest of the site's: it is merged outside
/// that limit (`http::limit_bodies`) and has its own (`DefaultBodyLimit`, and the declared length
/// checked before reading), so that a file too large gets a message on the candidate's page
/// instead of a bare 413.
pub fn upload_routes(state: AppState) -> Router {
    let limit = usize::try_from(state.attachment_max_bytes + UPLOAD_OVERHEAD).unwrap_or(usize::MAX);
    Router::new()
        .route("/candidates/{id}/attachments", post(upload).layer(DefaultBodyLimit::max(limit)))
        .with_state(state)
}

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location.to_owned())]).into_response()
}

fn sign_in_first(next: &str) -> Response {
    see_other(&format!("/login?next={}", crate::candidates::search::model::encode_component(next)))
}

fn error_page(headers: &HeaderMap, error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, crate::common::texts::texts(locale_from_headers(headers)).error(error)).into_response()
}

/// Keeps the outcome for the candidate page and sends the browser there.
async fn back_with(auth: &AuthSession, actor: &Actor, id: i64, notice: AttachmentNotice) -> Response {
    let now = OffsetDateTime::now_utc();
    match crate::flash::put(&auth.session, NOTICE_KEY, actor.user_id, notice, now).await {
        Ok(()) => see_other(&format!("/candidates/{id}#attachments")),
        Err(error) => StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response(),
    }
}

async fn upload(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else { return error_page(&headers, &AppError::NotFound) };
    let Some(actor) = auth.user.as_ref().map(|u| u.actor.clone()) else {
        return sign_in_first(&format!("/candidates/{id}"));
    };
    let notice = match receive(&state, &actor, id, &headers, multipart).await {
        Ok((_, file_name)) => AttachmentNotice::Added { file_name },
        Err(error) => AttachmentNotice::Refused(error),
    };
    back_with(&auth, &actor, id, notice).await
}

fn read_failed(error: MultipartError, max_bytes: u64) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(max_bytes)
    } else {
        tracing::warn!(%error, "attachment upload not readable");
        AppError::Request
    }
}

/// Reads the form and stores the file. The rights come first and the declared length second,
/// so a refused upload is answered before its body is read; the file is read chunk by chunk and
/// dropped as soon as it passes the limit.
async fn receive(
    state: &AppState,
    actor: &Actor,
    id: i64,
    headers: &HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<(i64, String)> {
    service::check_may_attach(&state.db, Some(actor), id).await?;
    let max = state.attachment_max_bytes;
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max + UPLOAD_OVERHEAD) {
        return Err(too_large(max));
    }
    let mut multipart = multipart.map_err(|rejection| {
        tracing::warn!(%rejection, "attachment upload is not multipart");
        AppError::Request
    })?;
    let limit = usize::try_from(max).unwrap_or(usize::MAX);
    let mut file_name = String::new();
    // Grown as the file arrives: a declared length is only a claim, and reserving memory for it
    // would let a client that sends nothing hold the node's memory.
    let mut data = Vec::new();
    let mut visibility = String::new();
    while let Some(mut field) = multipart.next_field().await.map_err(|e| read_failed(e, max))? {
        match field.name() {
            Some(FILE_FIELD) => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                while let Some(chunk) = field.chunk().await.map_err(|e| read_failed(e, max))? {
                    if data.len() + chunk.len() > limit {
                        return Err(too_large(max));
                    }
                    data.extend_from_slice(&chunk);
                }
            }
            Some(VISIBILITY_FIELD) => visibility = field.text().await.map_err(|e| read_failed(e, max))?,
            _ => {}
        }
    }
    service::upload(&state.db, Some(actor), max, Upload { candidate_id: id, file_name, data, visibility }).await
}

async fn download(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((id, attachment_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (Ok(id), Ok(attachment_id)) = (id.parse::<i64>(), attachment_id.parse::<i64>()) else {
        return error_page(&headers, &AppError::NotFound);
    };
    let actor = auth.user.as_ref().map(|u| &u.actor);
    match service::download(&state.db, actor, id, attachment_id).await {
        Ok(file) => file_response(file),
        Err(AppError::Unauthenticated) => sign_in_first(&format!("/candidates/{id}/attachments/{attachment_id}")),
        Err(error) => error_page(&headers, &error),
    }
}

/// A stored file as a download that no browser renders in the site's origin: always a
/// download, its checked type only (`nosniff`), a sandbox should it be opened anyway, and kept
/// by no shared cache.
pub fn file_response(file: AttachmentFile) -> Response {
    let content_type = HeaderValue::from_str(&file.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&name::content_disposition(&file.file_name))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox")),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        file.data,
    )
        .into_response()
}

async fn delete(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((id, attachment_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (Ok(id), Ok(attachment_id)) = (id.parse::<i64>(), attachment_id.parse::<i64>()) else {
        return error_page(&headers, &AppError::NotFound);
    };
    let Some(actor) = auth.user.as_ref().map(|u| u.actor.clone()) else {
        return sign_in_first(&format!("/candidates/{id}"));
    };
    let notice = match service::delete(&state.db, Some(&actor), id, attachment_id).await {
        Ok(file_name) => AttachmentNotice::Deleted { file_name },
        Err(error) => AttachmentNotice::Refused(error),
    };
    back_with(&auth, &actor, id, notice).await
}
