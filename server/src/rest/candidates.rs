//! `/api/v1/candidates`: the same services, visibility policy and validation as the pages.

use super::body::{self, Problems};
use super::openapi::{BadRequest, Forbidden, InsufficientScope, Internal, Invalid, NotFound, Unauthorized};
use super::{ApiError, Caller, PREFIX};
use app::candidates::model::{CandidateDetail, CandidateForm, CandidateSummary, Period, Phase, Visibility};
use app::candidates::record::model::{Group, RecordForm};
use app::candidates::record::service as record_service;
use app::candidates::search::model::{CandidateQuery, QueryNote, PAGE_SIZE};
use app::candidates::service;
use app::common::error::{AppError, Invalid as Problem};
use app::common::locale::Locale;
use app::identity::state::AppState;
use app::identity::tokens::model::TokenScope;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
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
    Ok(Json(service::get_with_contact(&state.db, &state.keys, Some(actor), id).await?))
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
    let form = body::parse(body)?.into_form()?;
    // JSON numbers are locale-free; text numbers follow the English reading ("12.5"; a lone
    // comma is still a decimal comma).
    let id = service::report(&state.db, Some(actor), &form, Locale::En).await?;
    let created = service::get_with_contact(&state.db, &state.keys, Some(actor), id).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("{PREFIX}/candidates/{id}"))], Json(created)).into_response())
}

/// The quick report as a script sends it. Numbers may be JSON numbers or text, and missing
/// fields are blanks, so the form's validator names each problem per field instead of the
/// whole body being refused. A field the report does not have is `UnknownField`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(example = json!({"title": "Benefit letters", "description": "Merged by hand from two systems.",
    "department_id": 7, "volume": 25, "period": "week", "minutes_per_case": "7.5", "visibility": "municipality"}))]
pub struct ReportBody {
    #[schema(value_type = String, required = true, max_length = 200)]
    title: Option<Value>,
    #[schema(value_type = String, required = true)]
    description: Option<Value>,
    /// A department of the caller's municipality; without it, the municipality as a whole.
    #[schema(value_type = Option<Scalar>)]
    department_id: Option<Value>,
    #[schema(value_type = Scalar, required = true)]
    volume: Option<Value>,
    #[schema(value_type = Period, required = true)]
    period: Option<Value>,
    #[schema(value_type = Scalar, required = true)]
    minutes_per_case: Option<Value>,
    /// `private`, `municipality` (the default), `consortium` or `public`.
    #[schema(value_type = Option<Visibility>)]
    visibility: Option<Value>,
    /// Whatever else came, refused as `UnknownField`.
    #[serde(flatten)]
    #[schema(ignore)]
    rest: Map<String, Value>,
}

/// A number the service form takes as text: a JSON number or a string (the schema is in
/// `body.rs`; values are read by [`Problems::text`]).
pub(super) struct Scalar;

impl ReportBody {
    fn into_form(self) -> Result<CandidateForm, AppError> {
        let mut problems = Problems::default();
        let form = CandidateForm {
            title: problems.text("title", self.title),
            description: problems.text("description", self.description),
            department_id: problems.text("department_id", self.department_id),
            volume: problems.text("volume", self.volume),
            period: problems.text("period", self.period),
            minutes_per_case: problems.text("minutes_per_case", self.minutes_per_case),
            visibility: problems.text("visibility", self.visibility),
        };
        problems.unknown(&self.rest);
        problems.finish()?;
        Ok(form)
    }
}

/// Changes fields of the full record, as the edit page does: only the fields sent change;
/// labels (`tags`, `subject_areas`, `it_systems`, `technologies`) take a list or
/// comma-separated text; a field of a group the candidate's phase does not ask for yet is
/// `NotInPhase`; any other name is `UnknownField`. Checked, audited field by field, all or
/// nothing.
#[utoipa::path(
    patch,
    path = "/candidates/{id}",
    tag = "candidates",
    params(("id" = i64, Path, description = "The candidate")),
    request_body(content = RecordForm, content_type = "application/json",
        description = "Any of the record's fields; text, numbers as JSON numbers or text, dates as YYYY-MM-DD, yes/no fields as \"yes\"/\"no\" or true/false"),
    responses(
        (status = 200, description = "Saved; the candidate as it is now", body = CandidateDetail),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = Invalid),
        (status = 500, response = Internal),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<Map<String, Value>>, JsonRejection>,
) -> Result<Json<CandidateDetail>, ApiError> {
    let actor = caller.allowed(TokenScope::Write)?;
    let Path(id) = id.map_err(|_| AppError::NotFound)?;
    let patch = body::parse(body)?;
    // The stored record as the edit page starts from it (this also refuses who may not edit).
    let context = record_service::edit_context(&state.db, &state.keys, Some(actor), id, Locale::En).await?;
    let form = patched(context.form, context.phase, patch)?;
    record_service::edit(&state.db, &state.keys, Some(actor), &form, Locale::En).await?;
    Ok(Json(service::get_with_contact(&state.db, &state.keys, Some(actor), id).await?))
}

/// `form` with the patch's fields put in, or every problem with them.
fn patched(form: RecordForm, phase: Phase, patch: Map<String, Value>) -> Result<RecordForm, AppError> {
    let Ok(Value::Object(mut fields)) = serde_json::to_value(&form) else {
        return Err(AppError::Internal);
    };
    let mut problems = Problems::default();
    let mut unknown = Map::new();
    for (name, value) in patch {
        let Some(group) = Group::of_field(&name) else {
            unknown.insert(name, value);
            continue;
        };
        if !group.shown_in(phase) {
            problems.add(&name, Problem::NotInPhase);
            continue;
        }
        let text = match value {
            Value::Bool(yes) if YES_NO.contains(&name.as_str()) => (if yes { "yes" } else { "no" }).to_owned(),
            Value::Array(items) if LABELS.contains(&name.as_str()) => {
                let mut labels = Vec::with_capacity(items.len());
                for item in items {
                    labels.push(problems.text(&name, Some(item)));
                }
                labels.join(", ")
            }
            other => problems.text(&name, Some(other)),
        };
        fields.insert(name, Value::String(text));
    }
    problems.unknown(&unknown);
    problems.finish()?;
    serde_json::from_value(Value::Object(fields)).map_err(|_| AppError::Internal)
}

const YES_NO: [&str; 4] = ["input_digital", "input_structured", "rule_based", "stable"];
const LABELS: [&str; 4] = ["tags", "subject_areas", "it_systems", "technologies"];

#[cfg(test)]
mod tests {
    use super::*;
    use app::candidates::validate::validate;
    use app::common::error::Invalid;

    fn form(json: &str) -> CandidateForm {
        serde_json::from_str::<ReportBody>(json).expect("json").into_form().expect("form")
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_named() {
        let body: ReportBody =
            serde_json::from_str(r#"{"title":["T"],"volume":12,"minutes":5,"period":"week"}"#).expect("json");
        let err = body.into_form().expect_err("problems");
        assert_eq!(err.field("title"), Some(Invalid::WrongType));
        assert_eq!(err.field("minutes"), Some(Invalid::UnknownField));
        assert_eq!(err.field("volume"), None);
    }

    fn patch(json: serde_json::Value) -> Map<String, Value> {
        json.as_object().expect("object").clone()
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let stored =
            RecordForm { candidate_id: 4, title: "Old".into(), volume: "12.345".into(), ..RecordForm::default() };
        let form = patched(
            stored,
            Phase::Assessment,
            patch(serde_json::json!({"title": "New", "tags": ["a", "b"], "rule_based": true, "systems_count": 3})),
        )
        .expect("patched");
        assert_eq!((form.candidate_id, form.title.as_str(), form.volume.as_str()), (4, "New", "12.345"));
        assert_eq!((form.tags.as_str(), form.rule_based.as_str(), form.systems_count.as_str()), ("a, b", "yes", "3"));
    }

    #[test]
    fn a_patch_names_unknown_later_and_mistyped_fields() {
        let err = patched(
            RecordForm::default(),
            Phase::Idea,
            patch(serde_json::json!({"candidate_id": 9, "legal_basis": "§ 12", "title": {"x": 1}, "tags": [["a"]]})),
        )
        .expect_err("problems");
        assert_eq!(err.field("candidate_id"), Some(Invalid::UnknownField));
        assert_eq!(err.field("legal_basis"), Some(Invalid::NotInPhase));
        assert_eq!(err.field("title"), Some(Invalid::WrongType));
        assert_eq!(err.field("tags"), Some(Invalid::WrongType));
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
