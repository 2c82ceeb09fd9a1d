//! Moving, commenting, history, following and notifications over the JSON API: the token's
//! scope, the same policy as the pages, per-field refusals, and that a refused request changes
//! nothing.

use crate::api::{challenge, json_of, token, with_bearer};
use crate::client::{router, send, Answer};
use crate::support::{each_backend, report, world};
use app::candidates::model::Visibility;
use app::db::Db;
use app::with_pool;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};

/// A request with a Bearer token and, when given, a JSON body (sent as written).
async fn call(app: &Router, method: Method, path: &str, token: &str, body: Option<&str>) -> Answer {
    let request = with_bearer(Request::builder().method(method).uri(path), token);
    let request = match body {
        Some(body) => request.header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_owned())),
        None => request.body(Body::empty()),
    };
    send(app, request.expect("request")).await
}

async fn post(app: &Router, path: &str, token: &str, body: &Value) -> Answer {
    call(app, Method::POST, path, token, Some(&body.to_string())).await
}

async fn get(app: &Router, path: &str, token: &str) -> Answer {
    call(app, Method::GET, path, token, None).await
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).expect("count")
}

/// What a refused request must leave alone: the candidates' standing, audit, comments, follows.
async fn snapshot(db: &Db) -> Vec<i64> {
    vec![
        count(db, "SELECT COUNT(*) FROM candidates WHERE phase <> 'idea' OR status <> 'active'").await,
        count(db, "SELECT COUNT(*) FROM audit_events").await,
        count(db, "SELECT COUNT(*) FROM comments").await,
        count(db, "SELECT COUNT(*) FROM follows").await,
        count(db, "SELECT COUNT(*) FROM notifications").await,
    ]
}

/// The field problems of a 422, as (field, problem) pairs.
fn problems(answer: &Answer) -> Vec<(String, Value)> {
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", answer.body);
    let body = json_of(answer);
    assert_eq!(body["error"], "invalid");
    body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| (f["field"].as_str().unwrap_or_default().to_owned(), f["problem"].clone()))
        .collect()
}

fn pair(field: &str, problem: Value) -> (String, Value) {
    (field.to_owned(), problem)
}

#[tokio::test]
async fn a_read_token_cannot_move_and_a_write_token_moves_with_an_audit() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let path = format!("/api/v1/candidates/{id}/transition");
        let move_on = json!({"phase": "assessment", "status": "active"});

        let read = token(&db, &w.coordinator, "read").await;
        let before = snapshot(&db).await;
        let refused = post(&app, &path, &read.token, &move_on).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(json_of(&refused), json!({"error": "insufficient_scope", "fields": []}));
        assert!(challenge(&refused).contains("insufficient_scope"));
        assert_eq!(snapshot(&db).await, before, "nothing changed");

        let write = token(&db, &w.coordinator, "write").await;
        let moved = post(&app, &path, &write.token, &move_on).await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
        let detail = json_of(&moved);
        assert_eq!((detail["phase"].clone(), detail["status"].clone()), (json!("assessment"), json!("active")));
        let on_hold = json!({"phase": "assessment", "status": "on_hold", "reason": "Waiting for IT"});
        assert_eq!(post(&app, &path, &write.token, &on_hold).await.status, StatusCode::OK);

        let history = json_of(&get(&app, &format!("/api/v1/candidates/{id}/history"), &read.token).await);
        let events = history["events"].as_array().expect("events");
        let by_coordinator = json!({"kind": "named", "name": "coordinator"});
        for (field, new_value) in [("phase", "assessment"), ("status", "on_hold"), ("status_reason", "Waiting for IT")]
        {
            assert!(
                events
                    .iter()
                    .any(|e| e["field"] == field && e["new_value"] == new_value && e["actor"] == by_coordinator),
                "{field} audited: {history}"
            );
        }
        // Asking for what already is: the service's own field problem.
        assert_eq!(problems(&post(&app, &path, &write.token, &on_hold).await), vec![pair("status", json!("NoChange"))]);
    })
    .await;
}

#[tokio::test]
async fn another_municipalitys_private_candidate_does_not_exist_for_the_caller() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.other_reporter, "Travel claims", Visibility::Private).await;
        let write = token(&db, &w.coordinator, "write").await;
        let before = snapshot(&db).await;
        let base = format!("/api/v1/candidates/{id}");
        let transition = json!({"phase": "assessment", "status": "active"}).to_string();
        let comment = json!({"body": "Forged"}).to_string();
        for (method, path, body) in [
            (Method::POST, format!("{base}/transition"), Some(transition.as_str())),
            (Method::POST, format!("{base}/comments"), Some(comment.as_str())),
            (Method::GET, format!("{base}/comments"), None),
            (Method::GET, format!("{base}/history"), None),
            (Method::PUT, format!("{base}/follow"), None),
            (Method::DELETE, format!("{base}/follow"), None),
        ] {
            let answer = call(&app, method.clone(), &path, &write.token, body).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{method} {path}: {}", answer.body);
            assert_eq!(json_of(&answer), json!({"error": "not_found", "fields": []}));
        }
        let missing = post(&app, "/api/v1/candidates/424242/transition", &write.token, &json!({})).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "a missing one answers alike");
        assert_eq!(snapshot(&db).await, before, "nothing changed");
    })
    .await;
}

#[tokio::test]
async fn reporters_do_not_move_candidates() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let write = token(&db, &w.reporter, "write").await;
        let before = snapshot(&db).await;
        let body = json!({"phase": "assessment", "status": "active"});
        let answer = post(&app, &format!("/api/v1/candidates/{id}/transition"), &write.token, &body).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert_eq!(json_of(&answer), json!({"error": "forbidden", "fields": []}));
        assert_eq!(snapshot(&db).await, before);
    })
    .await;
}

#[tokio::test]
async fn bad_bodies_are_refused_per_field_and_change_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let write = token(&db, &w.coordinator, "write").await;
        let transition = format!("/api/v1/candidates/{id}/transition");
        let comments = format!("/api/v1/candidates/{id}/comments");
        let before = snapshot(&db).await;

        let cases = [
            (
                &transition,
                json!({}),
                vec![pair("phase", json!("UnknownChoice")), pair("status", json!("UnknownChoice"))],
            ),
            (
                &transition,
                json!({"phase": ["idea"], "status": true, "reason": {"why": "x"}}),
                vec![
                    pair("phase", json!("WrongType")),
                    pair("status", json!("WrongType")),
                    pair("reason", json!("WrongType")),
                ],
            ),
            (&transition, json!({"phase": "done", "status": "active"}), vec![pair("phase", json!("UnknownChoice"))]),
            (&transition, json!({"phase": 3, "status": "active"}), vec![pair("phase", json!("UnknownChoice"))]),
            (
                &transition,
                json!({"phase": "idea", "status": "on_hold", "reason": "x".repeat(2001)}),
                vec![pair("reason", json!({"TooLong": {"max": 2000}}))],
            ),
            (
                &transition,
                json!({"phase": "idea", "status": "on_hold", "reasn": "typo"}),
                vec![pair("reasn", json!("UnknownField"))],
            ),
            (
                &transition,
                json!({"phase": "idea", "status": "duplicate", "reason": "Same", "duplicate_of": 424242}),
                vec![pair("duplicate_of", json!("UnknownChoice"))],
            ),
            (&comments, json!({}), vec![pair("body", json!("Required"))]),
            (&comments, json!({"body": "   "}), vec![pair("body", json!("Required"))]),
            (&comments, json!({"body": ["x"]}), vec![pair("body", json!("WrongType"))]),
            (&comments, json!({"body": "x".repeat(4001)}), vec![pair("body", json!({"TooLong": {"max": 4000}}))]),
            (&comments, json!({"body": "Fine", "author": "someone else"}), vec![pair("author", json!("UnknownField"))]),
        ];
        for (path, body, expected) in cases {
            let answer = post(&app, path, &write.token, &body).await;
            assert_eq!(problems(&answer), expected, "{path} {body}");
        }
        for garbled in ["{\"phase\": ", "[\"idea\"]", "\"idea\"", ""] {
            let answer = call(&app, Method::POST, &transition, &write.token, Some(garbled)).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{garbled:?}");
            assert_eq!(json_of(&answer), json!({"error": "bad_request", "fields": []}));
        }
        assert_eq!(snapshot(&db).await, before, "nothing changed");

        // Numbers where the form takes text, and "#12" for a duplicate, are understood.
        let original = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let body =
            json!({"phase": "idea", "status": "duplicate", "reason": "Same", "duplicate_of": format!("#{original}")});
        let answer = post(&app, &transition, &write.token, &body).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert_eq!(json_of(&answer)["duplicate_of"], json!(original));
    })
    .await;
}

#[tokio::test]
async fn comments_are_listed_with_names_withheld_across_municipalities() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Consortium).await;
        let path = format!("/api/v1/candidates/{id}/comments");
        let home = token(&db, &w.colleague, "write").await;
        let away = token(&db, &w.other_reporter, "write").await;

        let created = post(&app, &path, &home.token, &json!({"body": "  We do this weekly. "})).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let comment = json_of(&created);
        assert_eq!(created.location(), format!("{path}/{}", comment["id"]));
        assert_eq!(comment["body"], "We do this weekly.");
        assert_eq!(comment["author"], json!({"kind": "named", "name": "colleague"}));
        let located = get(&app, created.location(), &home.token).await;
        assert_eq!((located.status, json_of(&located)), (StatusCode::OK, comment.clone()));
        assert_eq!(get(&app, &format!("{path}/424242"), &home.token).await.status, StatusCode::NOT_FOUND);
        assert_eq!(post(&app, &path, &away.token, &json!({"body": "Same in Other"})).await.status, StatusCode::CREATED);

        let seen_at_home = json_of(&get(&app, &path, &home.token).await);
        let authors: Vec<&Value> =
            seen_at_home["comments"].as_array().expect("list").iter().map(|c| &c["author"]).collect();
        assert_eq!(authors, vec![&json!({"kind": "named", "name": "colleague"}), &json!({"kind": "withheld"})]);
        let seen_away = json_of(&get(&app, &path, &away.token).await);
        let authors: Vec<&Value> =
            seen_away["comments"].as_array().expect("list").iter().map(|c| &c["author"]).collect();
        assert_eq!(authors, vec![&json!({"kind": "withheld"}), &json!({"kind": "named", "name": "reporter"})]);
        assert_eq!(seen_away["comments"][0]["municipality"], "Home Kommune");

        let read = token(&db, &w.colleague, "read").await;
        let refused = post(&app, &path, &read.token, &json!({"body": "No"})).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(json_of(&get(&app, &path, &read.token).await)["comments"].as_array().map(Vec::len), Some(2));
    })
    .await;
}

#[tokio::test]
async fn the_history_is_for_the_candidates_own_municipality() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Consortium).await;
        let path = format!("/api/v1/candidates/{id}/history");
        let away = token(&db, &w.other_coordinator, "read").await;
        let refused = get(&app, &path, &away.token).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(json_of(&refused), json!({"error": "forbidden", "fields": []}));
        let home = token(&db, &w.colleague, "read").await;
        let history = get(&app, &path, &home.token).await;
        assert_eq!(history.status, StatusCode::OK, "{}", history.body);
        let events = json_of(&history)["events"].as_array().cloned().unwrap_or_default();
        assert!(events.iter().any(|e| e["field"] == "created"), "{events:?}");
    })
    .await;
}

#[tokio::test]
async fn following_brings_notifications_until_unfollowed() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let follow = format!("/api/v1/candidates/{id}/follow");
        let colleague = token(&db, &w.colleague, "write").await;
        let coordinator = token(&db, &w.coordinator, "write").await;
        let following = |answer: Answer| json_of(&answer)["viewer"]["following"].clone();

        let read = token(&db, &w.colleague, "read").await;
        assert_eq!(call(&app, Method::PUT, &follow, &read.token, None).await.status, StatusCode::FORBIDDEN);
        for _ in 0..2 {
            let answer = call(&app, Method::PUT, &follow, &colleague.token, None).await;
            assert_eq!((answer.status, answer.body.as_str()), (StatusCode::NO_CONTENT, ""), "following twice is fine");
        }
        assert_eq!(following(get(&app, &format!("/api/v1/candidates/{id}"), &colleague.token).await), json!(true));

        let moved = post(
            &app,
            &format!("/api/v1/candidates/{id}/transition"),
            &coordinator.token,
            &json!({"phase": "assessment", "status": "active"}),
        )
        .await;
        assert_eq!(moved.status, StatusCode::OK);
        let listed = get(&app, "/api/v1/notifications", &read.token).await;
        assert_eq!(listed.status, StatusCode::OK);
        let notifications = json_of(&listed)["notifications"].as_array().cloned().unwrap_or_default();
        assert_eq!(notifications.len(), 1, "{notifications:?}");
        let n = &notifications[0];
        assert_eq!(
            (n["candidate_id"].clone(), n["kind"].clone(), n["detail"].clone()),
            (json!(id), json!("phase"), json!("assessment"))
        );
        assert_eq!(
            (n["actor"].clone(), n["unread"].clone()),
            (json!({"kind": "named", "name": "coordinator"}), json!(true))
        );

        for _ in 0..2 {
            let answer = call(&app, Method::DELETE, &follow, &colleague.token, None).await;
            assert_eq!(answer.status, StatusCode::NO_CONTENT);
        }
        assert_eq!(following(get(&app, &format!("/api/v1/candidates/{id}"), &colleague.token).await), json!(false));
        let on_hold = json!({"phase": "assessment", "status": "on_hold", "reason": "Budget"});
        post(&app, &format!("/api/v1/candidates/{id}/transition"), &coordinator.token, &on_hold).await;
        let after = json_of(&get(&app, "/api/v1/notifications", &read.token).await);
        assert_eq!(after["notifications"].as_array().map(Vec::len), Some(1), "no news after unfollowing");
    })
    .await;
}

#[tokio::test]
async fn a_patch_edits_the_record_like_the_edit_page_and_a_refused_one_changes_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let path = format!("/api/v1/candidates/{id}");
        let patch = |token: &str, body: &Value| {
            let (app, path, token, body) = (app.clone(), path.clone(), token.to_owned(), body.to_string());
            async move { call(&app, Method::PATCH, &path, &token, Some(&body)).await }
        };
        let read = token(&db, &w.reporter, "read").await;
        let write = token(&db, &w.reporter, "write").await;
        let change = json!({"title": "Travel claims by hand", "volume": 12.345, "tags": ["travel", "finance"]});

        // Refusals first: each leaves everything as it was.
        let before = snapshot(&db).await;
        let scope = patch(&read.token, &change).await;
        assert_eq!(json_of(&scope), json!({"error": "insufficient_scope", "fields": []}));
        let other = token(&db, &w.other_coordinator, "write").await;
        assert_eq!(patch(&other.token, &change).await.status, StatusCode::NOT_FOUND, "not theirs to see");
        let colleague = token(&db, &w.colleague, "write").await;
        assert_eq!(patch(&colleague.token, &change).await.status, StatusCode::FORBIDDEN, "sees it, may not edit");
        // The body's shape first: unknown names and groups of later phases.
        let mistakes = json!({"titel": "typo", "legal_basis": "§ 12", "volume": "lots", "rule_based": "maybe"});
        let mut found = problems(&patch(&write.token, &mistakes).await);
        found.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            found,
            vec![
                pair("legal_basis", json!("NotInPhase")),
                pair("rule_based", json!("NotInPhase")),
                pair("titel", json!("UnknownField")),
            ]
        );
        // Then the values, checked as the edit page checks them.
        assert_eq!(
            problems(&patch(&write.token, &json!({"volume": "lots"})).await),
            vec![pair("volume", json!("NotANumber"))]
        );
        assert_eq!(patch(&write.token, &json!(["title"])).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(snapshot(&db).await, before, "nothing changed");

        // The change: only the named fields, audited, and exact numbers kept.
        let saved = patch(&write.token, &change).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let detail = json_of(&saved);
        assert_eq!(detail["title"], "Travel claims by hand");
        assert_eq!(detail["volume"], json!(12.345));
        assert_eq!(detail["minutes_per_case"], json!(15.0), "not sent, not changed");
        assert_eq!(detail["record"]["tags"], json!(["finance", "travel"]));
        let history = json_of(&get(&app, &format!("{path}/history"), &read.token).await);
        let fields: Vec<&str> = history["events"]
            .as_array()
            .expect("events")
            .iter()
            .filter_map(|e| e["field"].as_str())
            .filter(|f| ["title", "volume", "tags", "minutes_per_case", "description"].contains(f))
            .collect();
        for field in ["title", "volume", "tags"] {
            assert!(fields.contains(&field), "{field} audited: {history}");
        }
        assert!(!fields.contains(&"minutes_per_case") && !fields.contains(&"description"), "{history}");

        // The same patch again changes nothing and writes no audit event.
        let audited = count(&db, "SELECT COUNT(*) FROM audit_events").await;
        assert_eq!(patch(&write.token, &change).await.status, StatusCode::OK);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_events").await, audited);
    })
    .await;
}
