//! The JSON API through the whole router: Bearer tokens only, scopes, the visibility policy,
//! JSON errors with their challenge, and no cookie or origin loophole either way.

use crate::client::{encode, get, post_form, router, send, Answer};
use crate::support::{count_candidates, each_backend, world, PASSWORD};
use app::candidates::model::{CandidateDetail, CandidateForm};
use app::common::locale::Locale;
use app::db::Db;
use app::identity::model::{Actor, Profile, Role};
use app::identity::tokens::model::{NewToken, TokenForm};
use app::identity::tokens::service as tokens;
use app::with_pool;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use time::OffsetDateTime;

pub(crate) async fn token(db: &Db, owner: &Actor, scope: &str) -> NewToken {
    let form = TokenForm { name: format!("{scope} token"), scope: scope.into(), expires_in_days: String::new() };
    tokens::create(db, Some(owner), &form, OffsetDateTime::now_utc()).await.expect("token")
}

pub(crate) fn with_bearer(request: axum::http::request::Builder, token: &str) -> axum::http::request::Builder {
    request.header(header::HOST, "127.0.0.1:3000").header(header::AUTHORIZATION, format!("Bearer {token}"))
}

async fn api_get(app: &Router, path: &str, authorization: Option<&str>) -> Answer {
    let mut request = Request::get(path).header(header::HOST, "127.0.0.1:3000");
    if let Some(value) = authorization {
        request = request.header(header::AUTHORIZATION, value);
    }
    send(app, request.body(Body::empty()).expect("req")).await
}

async fn api_post(app: &Router, token: &str, body: &Value) -> Answer {
    let request = with_bearer(Request::post("/api/v1/candidates"), token)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("req");
    send(app, request).await
}

pub(crate) fn json_of(answer: &Answer) -> Value {
    serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", answer.body))
}

pub(crate) fn challenge(answer: &Answer) -> &str {
    answer.headers.get(header::WWW_AUTHENTICATE).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

fn report() -> Value {
    json!({
        "title": "Benefit letters",
        "description": "Letters are merged by hand from two systems.",
        "volume": 25,
        "period": "week",
        "minutes_per_case": "7.5",
        "visibility": "municipality"
    })
}

async fn sign_in(app: &Router, email: &str) -> String {
    let body = encode(&[("email", email), ("password", PASSWORD)]);
    let answer = send(app, post_form("/fn/identity/login", None).body(Body::from(body)).expect("req")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.session_cookie().expect("session cookie")
}

#[tokio::test]
async fn a_read_token_reads_as_its_owner() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let read = token(&db, &w.reporter, "read").await;
        let me = api_get(&app, "/api/v1/me", Some(&format!("Bearer {}", read.token))).await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.body);
        assert_eq!(me.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"));
        let profile: Profile = serde_json::from_str(&me.body).expect("profile");
        assert_eq!(
            profile,
            Profile {
                id: w.reporter.user_id,
                display_name: "reporter".into(),
                municipality_id: w.home,
                municipality: "Home Kommune".into(),
                roles: vec![Role::Reporter],
            }
        );
        // The scheme is case-insensitive.
        let lower = api_get(&app, "/api/v1/me", Some(&format!("bearer {}", read.token))).await;
        assert_eq!(lower.status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn refused_tokens_get_401_with_a_bearer_challenge() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);

        let none = api_get(&app, "/api/v1/me", None).await;
        assert_eq!(none.status, StatusCode::UNAUTHORIZED);
        assert_eq!(challenge(&none), "Bearer realm=\"autoport\"", "no error code without a token (RFC 6750)");
        assert_eq!(json_of(&none), json!({"error": "unauthenticated", "fields": []}));

        let revoked = token(&db, &w.reporter, "read").await;
        tokens::revoke(&db, Some(&w.reporter), revoked.id, OffsetDateTime::now_utc()).await.expect("revoke");
        let expired = token(&db, &w.reporter, "read").await;
        with_pool!(&db, pool => sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE id = $2")
            .bind(OffsetDateTime::now_utc() - time::Duration::minutes(1)).bind(expired.id).execute(pool).await.map(|_| ()))
        .expect("expire");
        let wrong = format!("apt_{}", "x".repeat(43));
        for (what, authorization) in [
            ("malformed", "Bearer not-a-token".to_owned()),
            ("wrong", format!("Bearer {wrong}")),
            ("revoked", format!("Bearer {}", revoked.token)),
            ("expired", format!("Bearer {}", expired.token)),
            ("another scheme", format!("Basic {}", revoked.token)),
            ("bare token", revoked.token.clone()),
        ] {
            let answer = api_get(&app, "/api/v1/candidates", Some(&authorization)).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{what}");
            assert_eq!(challenge(&answer), "Bearer realm=\"autoport\", error=\"invalid_token\"", "{what}");
            assert_eq!(json_of(&answer), json!({"error": "invalid_token", "fields": []}), "{what}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_read_token_cannot_write() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let read = token(&db, &w.reporter, "read").await;
        let answer = api_post(&app, &read.token, &report()).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert_eq!(challenge(&answer), "Bearer realm=\"autoport\", error=\"insufficient_scope\", scope=\"write\"");
        assert_eq!(json_of(&answer), json!({"error": "insufficient_scope", "fields": []}));
        assert_eq!(count_candidates(&db).await, 0);
    })
    .await;
}

#[tokio::test]
async fn a_write_token_reports_like_the_form() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let write = token(&db, &w.reporter, "write").await;
        let mut body = report();
        body["department_id"] = json!(w.home_department);
        let created = api_post(&app, &write.token, &body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let detail: CandidateDetail = serde_json::from_str(&created.body).expect("detail");
        assert_eq!(created.location(), format!("/api/v1/candidates/{}", detail.id));
        assert_eq!(detail.title, "Benefit letters");
        assert_eq!(json_of(&created)["reporter"], json!({ "kind": "named", "name": "reporter" }));
        assert_eq!((detail.volume, detail.minutes_per_case), (25.0, 7.5));
        assert_eq!(detail.department.as_deref(), Some("Home Borgerservice"));
        assert_eq!(json_of(&created)["created_on"], json!(detail.created_on.to_string()), "an ISO date, not a tuple");

        // Visible to a colleague's token, listed and readable at its Location.
        let colleague = token(&db, &w.colleague, "read").await;
        let auth = format!("Bearer {}", colleague.token);
        let got = api_get(&app, created.location(), Some(&auth)).await;
        assert_eq!(got.status, StatusCode::OK);
        let list = json_of(&api_get(&app, "/api/v1/candidates", Some(&auth)).await);
        assert_eq!(list["candidates"][0]["id"], json!(detail.id));

        // The form's validation, per field.
        let invalid = api_post(&app, &write.token, &json!({"title": "", "volume": "lots", "period": "week"})).await;
        assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
        let errors = json_of(&invalid);
        assert_eq!(errors["error"], "invalid");
        assert!(errors["fields"]
            .as_array()
            .is_some_and(|f| f.contains(&json!({"field": "title", "problem": "Required"}))));
        assert!(errors["fields"]
            .as_array()
            .is_some_and(|f| f.contains(&json!({"field": "volume", "problem": "NotANumber"}))));
        // Another municipality's department, as the form refuses it.
        body["department_id"] = json!(w.other_department);
        let forged = api_post(&app, &write.token, &body).await;
        assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
        // A body that is not JSON.
        let request = with_bearer(Request::post("/api/v1/candidates"), &write.token)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{\"title\": "))
            .expect("req");
        let garbled = send(&app, request).await;
        assert_eq!(garbled.status, StatusCode::BAD_REQUEST);
        assert_eq!(json_of(&garbled), json!({"error": "bad_request", "fields": []}));
        assert_eq!(count_candidates(&db).await, 1);
    })
    .await;
}

#[tokio::test]
async fn tokens_see_what_their_owner_sees() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let private = CandidateForm {
            title: "Other's private".into(),
            description: "Not for other municipalities.".into(),
            volume: "1".into(),
            period: "week".into(),
            minutes_per_case: "1".into(),
            visibility: "private".into(),
            ..CandidateForm::default()
        };
        let id = app::candidates::service::report(&db, Some(&w.other_reporter), &private, Locale::En)
            .await
            .expect("reported");
        let write = token(&db, &w.coordinator, "write").await;
        let auth = format!("Bearer {}", write.token);
        let hidden = api_get(&app, &format!("/api/v1/candidates/{id}"), Some(&auth)).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        assert_eq!(json_of(&hidden), json!({"error": "not_found", "fields": []}));
        let missing = api_get(&app, "/api/v1/candidates/424242", Some(&auth)).await;
        assert_eq!((missing.status, missing.body.as_str()), (hidden.status, hidden.body.as_str()), "hidden = missing");
        let list = json_of(&api_get(&app, "/api/v1/candidates", Some(&auth)).await);
        assert_eq!(list["candidates"], json!([]));
        let mine = token(&db, &w.other_reporter, "read").await;
        let own = api_get(&app, &format!("/api/v1/candidates/{id}"), Some(&format!("Bearer {}", mine.token))).await;
        assert_eq!(own.status, StatusCode::OK, "its reporter sees it");

        assert_eq!(api_get(&app, "/api/v1/candidates/abc", Some(&auth)).await.status, StatusCode::NOT_FOUND);
        let unknown = api_get(&app, "/api/v1/nothing-here", Some(&auth)).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        assert_eq!(json_of(&unknown)["error"], "not_found");
        let delete = with_bearer(Request::delete("/api/v1/candidates"), &write.token).body(Body::empty()).expect("req");
        let answer = send(&app, delete).await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(json_of(&answer)["error"], "method_not_allowed");
    })
    .await;
}

#[tokio::test]
async fn cookies_do_not_open_the_api_and_bearer_writes_pass_the_origin_check() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let cookie = sign_in(&app, "reporter@home.test").await;
        let me = send(&app, get("/api/v1/me", Some(&cookie))).await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED, "a session cookie alone is no credential here");
        let post = Request::post("/api/v1/candidates")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(report().to_string()))
            .expect("req");
        assert_eq!(send(&app, post).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(count_candidates(&db).await, 0);

        // A script may send any Origin: a Bearer write is not a cross-site form post.
        let write = token(&db, &w.reporter, "write").await;
        let request = with_bearer(Request::post("/api/v1/candidates"), &write.token)
            .header(header::ORIGIN, "https://elsewhere.example")
            .header("sec-fetch-site", "cross-site")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(report().to_string()))
            .expect("req");
        assert_eq!(send(&app, request).await.status, StatusCode::CREATED);

        // Cookie-based writes from another site are still refused everywhere else.
        let form = encode(&[("form[title]", "Cross-site"), ("form[volume]", "1")]);
        let cross = post_form("/fn/candidates/report", Some(&cookie))
            .header(header::ORIGIN, "https://elsewhere.example")
            .body(Body::from(form))
            .expect("req");
        assert_eq!(send(&app, cross).await.status, StatusCode::FORBIDDEN);
        assert_eq!(count_candidates(&db).await, 1);
    })
    .await;
}
