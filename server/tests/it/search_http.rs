//! The list page, its CSV link and the API list through the whole router.

use crate::client::{get, router, send};
use crate::http::sign_in;
use crate::search::{add, form, rename};
use crate::support::{each_backend, world};
use app::candidates::model::Visibility;
use app::identity::tokens::model::TokenForm;
use app::identity::tokens::service as tokens;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use time::OffsetDateTime;

#[tokio::test]
async fn list_page_searches_from_the_url_and_links_the_export() {
    each_backend(|db| async move {
        let w = world(&db).await;
        rename(&db, &w.other_reporter, "Olga Otherton").await;
        let v = Visibility::Municipality;
        add(&db, &w.reporter, form("Påmindelser om udløbne pas", "Breve.", v, Some(w.home_department))).await;
        add(&db, &w.reporter, form("Afstemning af bankkonti", "Daglig.", v, None)).await;
        add(&db, &w.other_reporter, form("Pas hos naboen", "Privat.", Visibility::Private, None)).await;
        let app = router(&db);
        let cookie = sign_in(&app, "colleague@home.test").await;

        let page = send(&app, get("/candidates?q=pas&phase=idea&phase=nonsense&sort=title", Some(&cookie))).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let body = &page.body;
        assert!(body.contains("Påmindelser om udløbne pas"), "{body}");
        assert!(!body.contains("bankkonti") && !body.contains("naboen"));
        assert!(body.contains(r#"role="status""#) && body.contains("1 candidate"), "the count is announced");
        assert!(body.contains("An unknown phase was left out."), "bad values get a note");
        // The form shows the search as applied, labelled.
        assert!(body.contains(r#"<label for="q">Search</label>"#));
        assert!(body.contains(r#"value="pas""#));
        assert!(body.contains(r#"id="phase-idea" name="phase" value="idea" checked"#), "{body}");
        assert!(body.contains(r#"<option value="title" selected"#));
        assert!(body.contains(r#"<label for="subject">Subject area</label>"#), "{body}");
        assert!(body.contains(r#"list="subject-labels""#) && body.contains(r#"<datalist id="subject-labels">"#));
        assert!(body.contains(r#"name="followed" type="checkbox""#), "signed in: followed is offered");
        let link = "/candidates/export.csv?q=pas&amp;phase=idea&amp;sort=title";
        assert!(body.contains(link), "the export link carries the query: {body}");

        let csv = send(&app, get("/candidates/export.csv?q=pas&phase=idea&sort=title", Some(&cookie))).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        assert!(csv.headers[header::CONTENT_DISPOSITION].to_str().expect("ascii").starts_with("attachment"));
        assert!(csv.body.starts_with('\u{feff}'));
        assert!(csv.body.contains("Påmindelser om udløbne pas") && !csv.body.contains("naboen"));
        assert_eq!(csv.body.lines().count(), 2);

        // The export is for signed-in people: a visitor is sent to sign in and back.
        let anonymous = send(&app, get("/candidates/export.csv?q=pas", None)).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
        assert_eq!(anonymous.location(), "/login?next=%2Fcandidates%2Fexport.csv%3Fq%3Dpas");
        let visitor = send(&app, get("/candidates?system=SAP", None)).await;
        assert_eq!(visitor.status, StatusCode::OK);
        assert!(!visitor.body.contains(r#"name="followed""#), "visitors follow nothing");
        assert!(visitor.body.contains(r#"id="system" name="system" type="text" value="SAP""#), "{}", visitor.body);

        // Paging links and garbage: never a 500.
        for raw in ["page=99", "page=abc&from=2026-13-01&q=%22%2A%28", "q=%FF%FE&department=x&municipality=0"] {
            let answer = send(&app, get(&format!("/candidates?{raw}"), Some(&cookie))).await;
            assert_eq!(answer.status, StatusCode::OK, "{raw}");
        }
    })
    .await;
}

#[tokio::test]
async fn api_list_takes_the_same_query_and_pages() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let v = Visibility::Municipality;
        for i in 0..3 {
            add(&db, &w.reporter, form(&format!("Indberetning {i}"), "Tastes manuelt.", v, None)).await;
        }
        add(&db, &w.reporter, form("Noget andet", "x", v, None)).await;
        add(&db, &w.other_reporter, form("Indberetning hos naboen", "x", Visibility::Private, None)).await;
        let form = TokenForm { name: "script".into(), scope: "read".into(), expires_in_days: String::new() };
        let token = tokens::create(&db, Some(&w.colleague), &form, OffsetDateTime::now_utc()).await.expect("token");
        let app = router(&db);
        let call = |path: &str| {
            Request::get(path)
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::AUTHORIZATION, format!("Bearer {}", token.token))
                .body(Body::empty())
                .expect("req")
        };
        let answer = send(&app, call("/api/v1/candidates?q=indberetning&sort=title&phase=nonsense")).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let json: Value = serde_json::from_str(&answer.body).expect("json");
        assert_eq!(
            (json["total"].as_u64(), json["page"].as_u64(), json["pages"].as_u64()),
            (Some(3), Some(1), Some(1))
        );
        assert_eq!(json["page_size"], 50);
        assert_eq!(json["notes"], serde_json::json!(["unknown_phase"]));
        let titles: Vec<&str> =
            json["candidates"].as_array().expect("list").iter().filter_map(|c| c["title"].as_str()).collect();
        assert_eq!(titles, ["Indberetning 0", "Indberetning 1", "Indberetning 2"]);
        let all: Value = serde_json::from_str(&send(&app, call("/api/v1/candidates")).await.body).expect("json");
        assert_eq!(all["total"], 4, "not the neighbour's private one");
        // The label and "followed" filters of the page.
        let followed: Value =
            serde_json::from_str(&send(&app, call("/api/v1/candidates?followed=1")).await.body).expect("json");
        assert_eq!(followed["total"], 0, "the colleague follows none of them");
        let long = "x".repeat(61);
        let labelled = send(&app, call(&format!("/api/v1/candidates?system=nothing&technology={long}"))).await;
        let labelled: Value = serde_json::from_str(&labelled.body).expect("json");
        assert_eq!((labelled["total"].as_u64(), &labelled["notes"]), (Some(0), &serde_json::json!(["label_too_long"])));
    })
    .await;
}
