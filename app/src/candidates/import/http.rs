//! The CSV import's upload (`POST /candidates/import`, a plain multipart form that works
//! without JavaScript; the same-origin check on writes covers it) and the background task that
//! checks and writes large imports (`crate::candidates::import`).

use crate::candidates::import::pages::UPLOAD_PATH;
use crate::candidates::import::{service, MAX_BYTES};
use crate::common::error::{AppError, Invalid};
use crate::common::locale::locale_from_headers;
use crate::identity::auth::AuthSession;
use crate::identity::state::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route(UPLOAD_PATH, post(upload))
        // The file plus the form's framing; the outer limit (8 MiB) still applies.
        .layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024))
        .with_state(state)
}

fn see_other(location: String) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

fn problem(code: &str) -> Response {
    see_other(format!("{UPLOAD_PATH}?problem={code}"))
}

/// The file part of the form: its name and text, or the problem to show on the upload page.
async fn file_of(mut multipart: Multipart) -> Result<(String, String), &'static str> {
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err("no_file"),
            Err(error) => {
                tracing::info!(%error, "unreadable import upload");
                return Err("too_large");
            }
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("import.csv").to_owned();
        let mut field = field;
        // Read as it arrives, never more than the limit, whatever the request declared.
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if bytes.len() + chunk.len() > MAX_BYTES => return Err("too_large"),
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(error) => {
                    tracing::info!(%error, "import upload cut short");
                    return Err("too_large");
                }
            }
        }
        if bytes.is_empty() {
            return Err("no_file");
        }
        let text = String::from_utf8(bytes).map_err(|_| "not_utf8")?;
        return Ok((name, text));
    }
}

async fn upload(
    State(state): State<AppState>,
    auth: AuthSession,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let actor = auth.user.as_ref().map(|u| &u.actor);
    if actor.is_none() {
        return see_other(format!("/login?next={}", crate::candidates::search::model::encode_component(UPLOAD_PATH)));
    }
    // Who may import is known before a byte of the file is read: nobody else makes the server
    // receive megabytes.
    if let Err(error) = crate::identity::policy::may_import_candidates(actor) {
        let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::FORBIDDEN);
        return (status, crate::common::texts::texts(locale_from_headers(&headers)).error(&error)).into_response();
    }
    let (name, text) = match file_of(multipart).await {
        Ok(file) => file,
        Err(code) => return problem(code),
    };
    match service::upload(&state.db, actor, &name, &text).await {
        Ok(id) => see_other(format!("{UPLOAD_PATH}/{id}")),
        Err(AppError::Invalid(errors)) => match errors.first().map(|e| e.problem) {
            Some(Invalid::Required) => problem("empty"),
            _ => problem("too_large"),
        },
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, crate::common::texts::texts(locale_from_headers(&headers)).error(&error)).into_response()
        }
    }
}
