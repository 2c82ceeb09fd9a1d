//! `/api/v1/candidates`: the same services, visibility policy and validation as the pages.

use super::openapi::{BadRequest, InsufficientScope, Internal, Invalid, NotFound, Unauthorized};
use super::{ApiError, Caller, PREFIX};
use app::candidates::model::{CandidateDetail, CandidateForm, CandidateSummary};
use app::candidates::query::{CandidateQuery, QueryNote, PAGE_SIZE};
use app::candidates::service;
use app::error::AppError;
use app::i18n::Locale;
use app::identity::tokens::model::TokenScope;
use app::state::AppState;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One page of the list, as the list page shows it.
#[derive(Serialize, ToSchema)]
pub struct Listed {
    pub candidates: Vec<CandidateSummary>,
    /// Matching candidates on all pages; with `more`, at least this many (counting stops ten
    /// pages after the one asked for, two with search text or a filter).
    pub total: u64,
    pub more: bool,
    /// This page, from 1.
    pub page: u32,
    pub pages: u32,
    pub page_size: u32,
    /// Parameters that were not used as given (`unknown_phase`, `label_too_long`, `page_after_last`, …).
    pub notes: Vec<QueryNote>,
}

/// The candidates the token's owner may see, with the list page's parameters. Bad values are
/// left out and named in `notes`, as on the page.
#[utoipa::path(
    get,
    path = "/candidates",
    tag = "candidates",
    params(
        ("q" = Option<String>, Query, description = "Search text (words; the last also matches as a word start)"),
        ("phase" = Option<Vec<String>>, Query, description = "Phases (repeatable), e.g. idea"),
        ("status" = Option<Vec<String>>, Query, description = "Statuses (repeatable), e.g. on_hold"),
        ("visibility" = Option<Vec<String>>, Query, description = "Visibilities (repeatable)"),
        ("department" = Option<i64>, Query, description = "A department of the caller's municipality, with everything below it"),
        ("municipality" = Option<i64>, Query, description = "A member municipality"),
        ("mine" = Option<bool>, Query, description = "Only what the caller reported"),
        ("followed" = Option<bool>, Query, description = "Only what the caller follows"),
        ("subject" = Option<String>, Query, description = "Carries this subject area (any case; at most 60 characters)"),
        ("system" = Option<String>, Query, description = "Touches this IT system (any case; at most 60 characters)"),
        ("technology" = Option<String>, Query, description = "Uses this technology (any case; at most 60 characters)"),
        ("from" = Option<String>, Query, description = "Reported on or after (YYYY-MM-DD)"),
        ("to" = Option<String>, Query, description = "Reported on or before (YYYY-MM-DD)"),
        ("sort" = Option<String>, Query, description = "newest (default), oldest, title, hours, relevance"),
        ("page" = Option<u32>, Query, description = "Page from 1; 50 per page"),
    ),
    responses(
        (status = 200, description = "One page of candidates", body = Listed),
        (status = 401, response = Unauthorized),
        (status = 500, response = Internal),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Json<Listed>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let (query, notes) = CandidateQuery::parse(raw.as_deref().unwrap_or_default());
    let found = service::search(&state.db, Some(actor), query, notes).await?;
    Ok(Json(Listed {
        candidates: found.items,
        total: found.total,
        more: found.more,
        page: found.page,
        pages: found.pages,
        page_size: PAGE_SIZE,
        notes: found.notes,
    }))
}

/// One candidate; one the owner may not see answers 404 exactly like a missing one.
#[utoipa::path(
    get,
    path = "/candidates/{id}",
    tag = "candidates",
    params(("id" = i64, Path, description = "The candidate")),
    responses(
        (status = 200, description = "The candidate with its phases and comments", body = CandidateDetail),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<CandidateDetail>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let Path(id) = id.map_err(|_| AppError::NotFound)?;
    Ok(Json(service::get(&state.db, Some(actor), id).await?))
}

/// Reports a process like the quick report form: 201, `Location`, and the stored candidate.
#[utoipa::path(
    post,
    path = "/candidates",
    tag = "candidates",
    request_body = ReportBody,
    responses(
        (status = 201, description = "Stored; `Location` names it", body = CandidateDetail,
            headers(("Location" = String, description = "/api/v1/candidates/{id}"))),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = InsufficientScope),
        (status = 422, response = Invalid),
        (status = 500, response = Internal),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<ReportBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let actor = caller.allowed(TokenScope::Write)?;
    let Json(body) = body.map_err(|rejection| {
        tracing::info!(%rejection, "API request body not understood");
        AppError::Request
    })?;
    // JSON numbers are locale-free; text numbers follow the English reading ("12.5"; a lone
    // comma is still a decimal comma).
    let id = service::report(&state.db, Some(actor), &body.into_form(), Locale::En).await?;
    let created = service::get(&state.db, Some(actor), id).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("{PREFIX}/candidates/{id}"))], Json(created)).into_response())
}

/// The quick report as a script sends it. Numbers may be JSON numbers or text, and missing
/// fields are blanks, so the form's validator names each problem per field instead of the
/// whole body being refused.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(example = json!({"title": "Benefit letters", "description": "Merged by hand from two systems.",
    "department_id": 7, "volume": 25, "period": "week", "minutes_per_case": "7.5", "visibility": "municipality"}))]
pub struct ReportBody {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    department_id: Option<Scalar>,
    #[serde(default)]
    volume: Option<Scalar>,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    minutes_per_case: Option<Scalar>,
    #[serde(default)]
    visibility: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Scalar {
    Number(serde_json::Number),
    Text(String),
}

fn text(value: Option<Scalar>) -> String {
    match value {
        Some(Scalar::Number(n)) => n.to_string(),
        Some(Scalar::Text(t)) => t,
        None => String::new(),
    }
}

impl ReportBody {
    fn into_form(self) -> CandidateForm {
        CandidateForm {
            title: self.title.unwrap_or_default(),
            description: self.description.unwrap_or_default(),
            department_id: text(self.department_id),
            volume: text(self.volume),
            period: self.period.unwrap_or_default(),
            minutes_per_case: text(self.minutes_per_case),
            visibility: self.visibility.unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::candidates::validate::validate;
    use app::error::Invalid;

    fn form(json: &str) -> CandidateForm {
        serde_json::from_str::<ReportBody>(json).expect("json").into_form()
    }

    #[test]
    fn numbers_arrive_as_json_numbers_or_text() {
        let f = form(
            r#"{"title":"T","description":"D","department_id":7,"volume":12.5,"period":"week",
                "minutes_per_case":"20","visibility":null}"#,
        );
        let valid = validate(&f, Locale::En).expect("valid");
        assert_eq!((valid.department_id, valid.volume, valid.minutes_per_case), (Some(7), 12.5, 20.0));
    }

    #[test]
    fn missing_fields_become_field_problems() {
        let err = validate(&form("{}"), Locale::En).expect_err("empty");
        for field in ["title", "description", "volume", "minutes_per_case"] {
            assert_eq!(err.field(field), Some(Invalid::Required), "{field}");
        }
        assert_eq!(err.field("period"), Some(Invalid::UnknownChoice));
        assert_eq!(err.field("department_id"), None, "the department stays optional");
    }
}
