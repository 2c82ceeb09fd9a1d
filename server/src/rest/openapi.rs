//! The OpenAPI 3.1 document of `/api/v1`, derived from the handlers' `#[utoipa::path]`
//! attributes (collected with the routes, `super::v1`) and the shared model types, served
//! without a token at `/api/v1/openapi.json`.
//!
//! The error answers are described once here (the shape of `error::ErrorBody` with an example per
//! code) and referenced by status from each handler. The integration test `api_activity`
//! checks that every route of the router is in this document and every `$ref` resolves.

use super::error::ErrorBody;
use axum::{Extension, Json};
use serde_json::json;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToResponse};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Autoport API",
        version = "1",
        description = "The automation-candidate registry for scripts and other systems. Every \
            request but this document needs a personal API token (create one at /me/tokens) as \
            `Authorization: Bearer apt_…`. A `read` token reads; writes need a `write` token. \
            Either way the token may do no more than its owner. Errors are \
            `{\"error\": \"<code>\", \"fields\": [...]}`. Write bodies refuse fields they do \
            not have (422 `UnknownField`)."
    ),
    servers((url = "/api/v1")),
    components(schemas(ErrorBody), responses(BadRequest, Unauthorized, InsufficientScope, Forbidden, NotFound, Conflict, Invalid, Internal)),
    modifiers(&BearerToken),
    security(("bearer" = []))
)]
pub struct ApiDoc;

/// The Bearer security scheme that `security(("bearer" = []))` names.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token, `apt_` and 43 characters, from /me/tokens."))
                    .build(),
            ),
        );
    }
}

/// This document: public, so that a client can be generated before anyone has a token.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json"))
)]
pub async fn openapi(Extension(document): Extension<utoipa::openapi::OpenApi>) -> Json<utoipa::openapi::OpenApi> {
    Json(document)
}

/// An error answer: the shared body, with one example per code a client may see.
fn error(description: &str, examples: &[(&str, serde_json::Value)]) -> Response {
    let mut content = ContentBuilder::new().schema(Some(utoipa::openapi::Ref::from_schema_name("ErrorBody")));
    content = content.examples_from_iter(examples.iter().map(|(name, value)| {
        (*name, utoipa::openapi::example::ExampleBuilder::new().value(Some(value.clone())).build())
    }));
    ResponseBuilder::new().description(description).content("application/json", content.build()).build()
}

/// [`error`] with the RFC 6750 challenge that 401 and 403 (scope) answers carry.
fn challenged(description: &str, examples: &[(&str, serde_json::Value)]) -> Response {
    let mut response = error(description, examples);
    let challenge = HeaderBuilder::new()
        .schema(ObjectBuilder::new().schema_type(Type::String))
        .description(Some("On 401 and on 403 `insufficient_scope`: `Bearer realm=\"autoport\"`, with `error=\"…\"` when a token was sent"))
        .build();
    response.headers.insert("WWW-Authenticate".to_owned(), challenge);
    response
}

fn plain(code: &str) -> serde_json::Value {
    json!({ "error": code, "fields": [] })
}

/// Declares an error response component: its name, and how it is built.
macro_rules! error_response {
    ($name:ident, $build:expr) => {
        pub struct $name;

        impl<'r> ToResponse<'r> for $name {
            fn response() -> (&'r str, RefOr<Response>) {
                (stringify!($name), RefOr::T($build))
            }
        }
    };
}

error_response!(
    BadRequest,
    error("The body is not JSON of the expected shape (an object).", &[("bad_request", plain("bad_request"))])
);
error_response!(
    Unauthorized,
    challenged(
        "No token (`WWW-Authenticate: Bearer realm=\"autoport\"`), or a token that is malformed, unknown, \
         revoked or expired (`error=\"invalid_token\"` in the challenge).",
        &[("unauthenticated", plain("unauthenticated")), ("invalid_token", plain("invalid_token"))],
    )
);
error_response!(
    InsufficientScope,
    challenged(
        "A `read` token on a request that writes (`error=\"insufficient_scope\", scope=\"write\"` in the challenge).",
        &[("insufficient_scope", plain("insufficient_scope"))],
    )
);
error_response!(
    Forbidden,
    challenged(
        "A `read` token on a write, or the token's owner may see the candidate but not do this (a \
         reporter moving it; the history of another municipality's candidate).",
        &[("insufficient_scope", plain("insufficient_scope")), ("forbidden", plain("forbidden"))],
    )
);
error_response!(
    NotFound,
    error(
        "No such candidate, or one the token's owner may not see: the two are not told apart.",
        &[("not_found", plain("not_found"))],
    )
);
error_response!(
    Conflict,
    error("Someone else moved the candidate since it was read; read it again.", &[("conflict", plain("conflict"))])
);
error_response!(
    Invalid,
    error(
        "Field problems, all at once; `field` is the body field's name.",
        &[(
            "invalid",
            json!({"error": "invalid", "fields": [
                {"field": "reason", "problem": "Required"},
                {"field": "title", "problem": {"TooLong": {"max": 200}}},
                {"field": "reasn", "problem": "UnknownField"}
            ]}),
        )],
    )
);
error_response!(
    Internal,
    error("Something failed on the server; the detail is in its log.", &[("internal", plain("internal"))])
);

#[cfg(test)]
mod tests {
    use super::super::document;
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_with_a_bearer_scheme() {
        let doc: serde_json::Value = serde_json::from_str(&document().expect("json")).expect("parse");
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
        assert_eq!(doc["paths"]["/openapi.json"]["get"]["security"], json!([{}]), "public");
    }
}
