//! Reading a JSON write body the way the service forms want it: every field as text, and every
//! problem named per field.
//!
//! A body that is not a JSON object is refused whole (400 `bad_request`). Inside it, text
//! fields take a string or a number (written out, so `12` and `"12"` mean the same), a missing
//! field or `null` is blank (the service then says `Required` where it must be there), and a
//! list, an object or true/false is `WrongType`. A field the request does not have is
//! `UnknownField`: a misspelt `"reasn"` must not pass as a move without a reason.

use super::candidates::Scalar;
use super::ApiError;
use app::common::error::{AppError, FieldError, Invalid};
use axum::extract::rejection::JsonRejection;
use axum::Json;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::borrow::Cow;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// The body, or 400 when it is not JSON of the expected shape (an object).
pub fn parse<T: DeserializeOwned>(body: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    let Json(body) = body.map_err(|rejection| {
        tracing::info!(%rejection, "API request body not understood");
        AppError::Request
    })?;
    Ok(body)
}

/// The field problems found while turning a body into a form.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, problem: Invalid) {
        self.0.push(FieldError { field: field.to_owned(), problem });
    }

    /// `value` as the form's text; see the module comment for what counts.
    pub fn text(&mut self, field: &str, value: Option<Value>) -> String {
        match value {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(text)) => text,
            Some(Value::Number(number)) => number.to_string(),
            Some(_) => {
                self.add(field, Invalid::WrongType);
                String::new()
            }
        }
    }

    /// Names each field of `rest` (the keys no body field took) as unknown.
    pub fn unknown(&mut self, rest: &Map<String, Value>) {
        for field in rest.keys() {
            self.add(field, Invalid::UnknownField);
        }
    }

    /// The problems as the API's 422, or nothing to complain about.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// A number the service form takes as text: a JSON number or a string.
impl utoipa::PartialSchema for Scalar {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Number))
            .item(ObjectBuilder::new().schema_type(Type::String))
            .description(Some("A number, as a JSON number or as text (\"12.5\")."))
            .into()
    }
}

impl utoipa::ToSchema for Scalar {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("NumberOrText")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalars_become_text_and_the_rest_is_named() {
        let mut problems = Problems::default();
        assert_eq!(problems.text("a", Some(json!(12))), "12");
        assert_eq!(problems.text("b", Some(json!("#12"))), "#12");
        assert_eq!(problems.text("c", Some(json!(null))), "");
        assert_eq!(problems.text("d", None), "");
        assert_eq!(problems.text("e", Some(json!([1]))), "");
        assert_eq!(problems.text("f", Some(json!(true))), "");
        let rest = json!({"reasn": "typo"});
        problems.unknown(rest.as_object().expect("object"));
        let err = problems.finish().expect_err("problems");
        assert_eq!(err.field("e"), Some(Invalid::WrongType));
        assert_eq!(err.field("f"), Some(Invalid::WrongType));
        assert_eq!(err.field("reasn"), Some(Invalid::UnknownField));
        assert_eq!(err.field("a"), None);
        assert_eq!(Problems::default().finish(), Ok(()));
    }
}
