//! The OpenAPI document against the router it describes: served without a token, every route
//! the router answers is in it with exactly its methods, and every `$ref` resolves.

use crate::api::json_of;
use crate::client::{router, send};
use crate::support::each_backend;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;

const METHODS: [Method; 5] = [Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE];

/// Every `$ref` in `value`, e.g. `#/components/schemas/Comment`.
fn refs<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(target)) => found.push(target),
                    _ => refs(inner, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, found)),
        _ => {}
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_of_the_router() {
    // The document does not touch the database; one backend is enough to build the router.
    each_backend(|db| async move {
        let app = router(&db);
        let request = |method: Method, path: &str| {
            Request::builder()
                .method(method)
                .uri(format!("/api/v1{path}"))
                .header(header::HOST, "127.0.0.1:3000")
                .body(Body::empty())
                .expect("request")
        };
        let answer = send(&app, request(Method::GET, "/openapi.json")).await;
        assert_eq!(answer.status, StatusCode::OK, "public: no token needed");
        let doc = json_of(&answer);
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1.")), "{}", doc["openapi"]);

        // What the router answers: a method it has no handler for is 405, any other is routed
        // (401 without a token, 200 for the document).
        let mut routed = BTreeSet::new();
        for path in server::rest::paths() {
            let concrete = path.replace("{id}", "1").replace("{comment_id}", "1").replace("{attachment_id}", "1");
            for method in METHODS {
                let status = send(&app, request(method.clone(), &concrete)).await.status;
                assert_ne!(status, StatusCode::NOT_FOUND, "{method} {path} is in the table");
                if status != StatusCode::METHOD_NOT_ALLOWED {
                    routed.insert((path.to_owned(), method.as_str().to_lowercase()));
                }
            }
        }
        let paths = doc["paths"].as_object().expect("paths");
        let documented: BTreeSet<(String, String)> = paths
            .iter()
            .flat_map(|(path, item)| {
                let methods = item.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
                methods.into_iter().map(move |method| (path.clone(), method))
            })
            .collect();
        assert_eq!(routed, documented, "routes and document differ");

        for (path, method) in &documented {
            let operation = &doc["paths"][path][method];
            let responses = operation["responses"].as_object().expect("responses");
            let public = operation["security"] == serde_json::json!([{}]);
            assert!(responses.contains_key("500") || public, "{method} {path} documents 500");
            assert!(responses.contains_key("401") || public, "{method} {path} documents 401");
            if let Some(body) = operation.get("requestBody") {
                let content = &body["content"]["application/json"];
                let schema = content["schema"]["$ref"].as_str().and_then(|r| r.rsplit('/').next()).unwrap_or_default();
                let example = &doc["components"]["schemas"][schema]["example"];
                assert!(example.is_object(), "{method} {path}: the request body has an example");
            }
        }

        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(!found.is_empty());
        for target in found {
            let pointer = target.strip_prefix('#').unwrap_or_else(|| panic!("a local reference: {target}"));
            assert!(doc.pointer(pointer).is_some(), "{target} resolves");
        }
        assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    })
    .await;
}
