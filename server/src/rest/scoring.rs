//! `/api/v1/candidates/{id}/score` and `/assessments`: the same scoring service and policy as
//! the candidate's page and its assessment form.

use super::body::{self, Problems};
use super::openapi::{BadRequest, Forbidden, Internal, Invalid, NotFound, Unauthorized};
use super::{ApiError, Caller, PREFIX};
use app::candidates::service as candidates;
use app::common::error::{AppError, Invalid as Problem};
use app::common::locale::Locale;
use app::identity::state::AppState;
use app::identity::tokens::model::TokenScope;
use app::scoring::assessment::model::{answer_field, HistoryEntry, ScoreBreakdown};
use app::scoring::assessment::service;
use app::scoring::compute::{Answer, Answers};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// A candidate's score and its benefit figures.
#[derive(Serialize, ToSchema)]
pub struct ScoreBody {
    /// `null` before the first assessment.
    pub score: Option<ScoreBreakdown>,
    /// The benefit and cost figures of the candidate's page (annual volume, manual hours, FTE,
    /// benefit, payback, ROI, NPV, and what is missing for the rest).
    #[schema(value_type = Object)]
    pub benefit: app::candidates::benefit::Benefit,
}

/// The candidate's current score, explained criterion by criterion (answer, points, weight,
/// contribution), with its benefit figures. Texts are in English.
#[utoipa::path(
    get,
    path = "/candidates/{id}/score",
    tag = "scoring",
    params(("id" = i64, Path, description = "The candidate")),
    responses(
        (status = 200, description = "The score (null before the first assessment) and the benefit", body = ScoreBody),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn score(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<ScoreBody>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let Path(id) = id.map_err(|_| AppError::NotFound)?;
    let section = service::view(&state.db, Some(actor), id, Locale::En).await?;
    let benefit = candidates::get(&state.db, Some(actor), id).await?.benefit();
    Ok(Json(ScoreBody { score: section.score, benefit }))
}

/// Every assessment snapshot of the candidate, newest first, with how the scores and the
/// answers changed from the one before and why (answers changed, or re-scored onto a version).
#[utoipa::path(
    get,
    path = "/candidates/{id}/assessments",
    tag = "scoring",
    params(("id" = i64, Path, description = "The candidate")),
    responses(
        (status = 200, description = "The snapshots, newest first", body = Vec<HistoryEntry>),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    let actor = caller.allowed(TokenScope::Read)?;
    let Path(id) = id.map_err(|_| AppError::NotFound)?;
    Ok(Json(service::history(&state.db, Some(actor), id, Locale::En).await?.entries))
}

/// Assesses the candidate on the current model version: every criterion answered (a level 1–5,
/// true/false, or a number), nothing else. 201 with the new score; field problems are named
/// `answers.<key>`, all at once, and nothing is stored.
#[utoipa::path(
    post,
    path = "/candidates/{id}/assessments",
    tag = "scoring",
    params(("id" = i64, Path, description = "The candidate")),
    request_body = AssessBody,
    responses(
        (status = 201, description = "Stored; the new score", body = ScoreBreakdown,
            headers(("Location" = String, description = "/api/v1/candidates/{id}/score"))),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = Invalid),
        (status = 500, response = Internal),
    )
)]
pub async fn assess(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<AssessBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let actor = caller.allowed(TokenScope::Write)?;
    let Path(id) = id.map_err(|_| AppError::NotFound)?;
    let (answers, note) = body::parse(body)?.into_answers()?;
    service::assess(&state.db, Some(actor), id, &answers, note.as_deref()).await?;
    let score = service::view(&state.db, Some(actor), id, Locale::En).await?.score.ok_or(AppError::Internal)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("{PREFIX}/candidates/{id}/score"))], Json(score))
        .into_response())
}

/// An assessment as a script sends it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(example = json!({"answers": {"volume": 2080, "handling_time": 15, "benefit": 4, "strategic_fit": 3,
    "rule_based": 5, "digital_input": 4, "stability": true, "exceptions": 5, "systems": 2, "legal_clarity": 5},
    "note": "Checked with the team"}))]
pub struct AssessBody {
    /// By criterion key: a level 1–5 for a scale, true/false for yes/no, a number for a number
    /// criterion.
    #[schema(value_type = Object, required = true)]
    answers: Option<Value>,
    /// At most 2,000 characters.
    #[schema(value_type = Option<String>)]
    note: Option<Value>,
    /// Whatever else came, refused as `UnknownField`.
    #[serde(flatten)]
    #[schema(ignore)]
    rest: Map<String, Value>,
}

impl AssessBody {
    fn into_answers(self) -> Result<(Answers, Option<String>), AppError> {
        let mut problems = Problems::default();
        let mut answers = Answers::new();
        match self.answers {
            None | Some(Value::Null) => problems.add("answers", Problem::Required),
            Some(Value::Object(map)) => {
                for (key, value) in map {
                    match value {
                        Value::Bool(yes) => {
                            answers.insert(key, Answer::Yes(yes));
                        }
                        Value::Number(n) => match n.as_f64() {
                            Some(n) => {
                                answers.insert(key, Answer::Number(n));
                            }
                            None => problems.add(&answer_field(&key), Problem::NotANumber),
                        },
                        // A blank answer is a missing one; scoring names it.
                        Value::Null => {}
                        _ => problems.add(&answer_field(&key), Problem::WrongType),
                    }
                }
            }
            Some(_) => problems.add("answers", Problem::WrongType),
        }
        let note = match self.note {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text),
            Some(_) => {
                problems.add("note", Problem::WrongType);
                None
            }
        };
        problems.unknown(&self.rest);
        problems.finish()?;
        Ok((answers, note))
    }
}
