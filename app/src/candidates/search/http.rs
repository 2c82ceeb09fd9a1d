//! `GET /candidates/export.csv?<the list's query>`: the filtered list as a spreadsheet, for the
//! signed-in person (session cookie, like the pages). A plain link on the list page.

use crate::candidates::search::export::candidates_csv;
use crate::candidates::search::model::{encode_component, CandidateQuery};
use crate::common::error::AppError;
use crate::common::locale::locale_from_headers;
use crate::identity::auth::AuthSession;
use crate::identity::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub const PATH: &str = "/candidates/export.csv";

pub fn routes(state: AppState) -> Router {
    Router::new().route(PATH, get(export)).with_state(state)
}

async fn export(
    State(state): State<AppState>,
    auth: AuthSession,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let raw = raw.unwrap_or_default();
    // Bad values are dropped as on the page; the page showed the notes before the link.
    let (query, _notes) = CandidateQuery::parse(&raw);
    let actor = auth.user.as_ref().map(|u| &u.actor);
    match candidates_csv(&state.db, actor, &query, locale_from_headers(&headers)).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"candidates.csv\""),
                // The file holds unpublished candidates and names: no cache may keep it.
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response(),
        Err(AppError::Unauthenticated) => {
            // A link followed after the session ended: sign in, then download.
            let next = if raw.is_empty() { PATH.to_owned() } else { format!("{PATH}?{raw}") };
            let login = format!("/login?next={}", encode_component(&next));
            (StatusCode::SEE_OTHER, [(header::LOCATION, login)]).into_response()
        }
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, crate::common::texts::texts(locale_from_headers(&headers)).error(&error)).into_response()
        }
    }
}
