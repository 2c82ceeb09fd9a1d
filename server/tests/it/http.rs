//! The whole router in-process: probes, pages, sign-in, server functions, forged requests.

use crate::client::{encode, get, post_form, router, router_from, send, Answer};
use crate::support::{count_candidates, each_backend, world, PASSWORD};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;

/// One sign-in attempt through the server function.
async fn try_sign_in(router: &Router, email: &str, password: &str) -> Answer {
    let body = encode(&[("email", email), ("password", password)]);
    send(router, post_form("/fn/identity/login", None).body(Body::from(body)).expect("req")).await
}

/// One quick report through the server function, as the hydrated page sends it.
async fn try_report(router: &Router, cookie: Option<&str>, body: String) -> Answer {
    send(router, post_form("/fn/candidates/report", cookie).body(Body::from(body)).expect("req")).await
}

/// Signs in through the server function and returns the session cookie.
pub(crate) async fn sign_in(router: &Router, email: &str) -> String {
    let answer = try_sign_in(router, email, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "sign-in of {email}: {}", answer.body);
    answer.session_cookie().expect("a session cookie after sign-in")
}

fn report_body(title: &str, department: &str, volume: &str) -> String {
    encode(&[
        ("form[title]", title),
        ("form[description]", "Copied by hand from the portal into the case system."),
        ("form[department_id]", department),
        ("form[volume]", volume),
        ("form[period]", "week"),
        ("form[minutes_per_case]", "12"),
        ("form[visibility]", "municipality"),
    ])
}

#[tokio::test]
async fn probes_answer() {
    each_backend(|db| async move {
        let app = router(&db);
        let live = send(&app, get("/healthz", None)).await;
        assert_eq!((live.status, live.body.as_str()), (StatusCode::OK, "ok"));
        let ready = send(&app, get("/readyz", None)).await;
        assert_eq!((ready.status, ready.body.as_str()), (StatusCode::OK, "ready"));
        db.close().await;
        let down = send(&app, get("/readyz", None)).await;
        assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(down.body, "database unavailable");
    })
    .await;
}

#[tokio::test]
async fn pages_render_on_the_server_with_real_status_codes() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let cookie = sign_in(&app, "reporter@home.test").await;
        let body = report_body("Public register extracts", &w.home_department.to_string(), "10");
        let answer = try_report(&app, Some(&cookie), body.clone()).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let id: i64 = answer.body.trim().parse().expect("the new id");

        let list = send(&app, get("/candidates", Some(&cookie))).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Public register extracts"), "list shows the new candidate");
        assert!(list.body.contains("<html lang=\"en\""));

        let detail = send(&app, get(&format!("/candidates/{id}"), Some(&cookie))).await;
        assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
        assert!(detail.body.contains("Public register extracts"));
        assert!(detail.body.contains("Home Borgerservice"));

        // Not visible to another municipality (visibility "municipality"): same as missing.
        let other = sign_in(&app, "reporter@other.test").await;
        let hidden = send(&app, get(&format!("/candidates/{id}"), Some(&other))).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        assert!(!hidden.body.contains("Public register extracts"));
        let anonymous = send(&app, get(&format!("/candidates/{id}"), None)).await;
        assert_eq!(anonymous.status, StatusCode::NOT_FOUND);

        assert_eq!(send(&app, get("/candidates/not-a-number", None)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(send(&app, get("/no/such/page", None)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(send(&app, get("/candidates/new", None)).await.status, StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[tokio::test]
async fn sign_in_refuses_wrong_passwords_alike() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        for (email, password) in [("reporter@home.test", "wrong"), ("nobody@home.test", PASSWORD)] {
            let answer = try_sign_in(&app, email, password).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{email}");
            assert_eq!(answer.body, "\"BadCredentials\"", "{email}: the same answer for unknown and wrong");
        }
        // E-mail addresses are matched without regard to case.
        sign_in(&app, "Reporter@HOME.test").await;
    })
    .await;
}

#[tokio::test]
async fn writes_are_refused_without_change() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let cookie = sign_in(&app, "reporter@home.test").await;

        // Not signed in.
        let body = report_body("Anonymous", "", "10");
        let answer = try_report(&app, None, body.clone()).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);

        // Invalid input: field errors, no database text.
        let body = report_body("", "", "a lot");
        let answer = try_report(&app, Some(&cookie), body.clone()).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("\"field\":\"title\""), "{}", answer.body);
        assert!(answer.body.contains("NotANumber"), "{}", answer.body);

        // Forged: another municipality's department.
        let body = report_body("Forged", &w.other_department.to_string(), "10");
        let answer = try_report(&app, Some(&cookie), body.clone()).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Garbage that does not even decode.
        let body = "form=%ZZ&&[[".to_owned();
        let answer = try_report(&app, Some(&cookie), body.clone()).await;
        assert!(answer.status.is_client_error(), "{}", answer.status);
        assert!(!answer.body.to_lowercase().contains("sql"));

        // Posted from another site.
        let body = report_body("Cross-site", "", "10");
        let request = post_form("/fn/candidates/report", Some(&cookie))
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::from(body.clone()))
            .expect("req");
        assert_eq!(send(&app, request).await.status, StatusCode::FORBIDDEN);

        assert_eq!(count_candidates(&db).await, 0);
    })
    .await;
}

#[tokio::test]
async fn forms_work_without_javascript() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        let cookie = sign_in(&app, "reporter@home.test").await;
        let html_post = |body: &str| {
            post_form("/fn/candidates/report", Some(&cookie))
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .header(header::REFERER, "http://127.0.0.1:3000/candidates/new")
                .body(Body::from(body.to_owned()))
                .expect("req")
        };
        let created = send(&app, html_post(&report_body("Without script", "", "3,5"))).await;
        assert!(created.status.is_redirection(), "{}", created.status);
        let location = created.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(location.starts_with("/candidates/"), "to the new candidate, got {location}");

        let refused = send(&app, html_post(&report_body("", "", "3"))).await;
        assert!(refused.status.is_redirection(), "{}", refused.status);
        let location =
            refused.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(location.contains("/candidates/new") && location.contains("__err="), "back with the error: {location}");
        // The form page shows the field message from the URL.
        let path = location.trim_start_matches("http://127.0.0.1:3000");
        let page = send(&app, get(path, Some(&cookie))).await;
        // On failure, say what the page showed instead (CI once saw it missing, not reproduced).
        let main = page.body.find("<main").map(|i| &page.body[i..]).unwrap_or(&page.body);
        assert!(
            page.body.contains("Please fill this in."),
            "field message on the page; got {} for {path}: {}",
            page.status,
            main.chars().take(1_500).collect::<String>()
        );
        assert_eq!(count_candidates(&db).await, 1);
    })
    .await;
}

#[tokio::test]
async fn language_follows_cookie_and_browser() {
    each_backend(|db| async move {
        let app = router(&db);
        let switch = Request::get("/lang/da")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::REFERER, "http://127.0.0.1:3000/candidates")
            .body(Body::empty())
            .expect("req");
        let answer = send(&app, switch).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(answer.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()), Some("/candidates"));
        let cookie =
            answer.headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(cookie.starts_with("autoport_lang=da"), "{cookie}");

        let page = send(&app, get("/", Some("autoport_lang=da"))).await;
        assert!(page.body.contains("<html lang=\"da\""));
        assert!(page.body.contains("Indberet en proces"));

        let german =
            Request::get("/").header(header::ACCEPT_LANGUAGE, "fr;q=0.9, de;q=0.8").body(Body::empty()).expect("req");
        assert!(send(&app, german).await.body.contains("Prozess melden"));

        assert_eq!(send(&app, get("/lang/xx", None)).await.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn guessing_is_throttled_per_address_without_telling_whether_it_exists() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        for email in ["reporter@home.test", "nobody@home.test"] {
            for _ in 0..app::identity::auth::service::MAX_FAILURES {
                assert_eq!(try_sign_in(&app, email, "guess").await.status, StatusCode::UNAUTHORIZED);
            }
            let locked = try_sign_in(&app, email, "guess").await;
            assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "{email}");
            assert_eq!(locked.body, "\"TooManyAttempts\"", "{email}: same answer, known or not");
        }
        // Even the right password waits out the window; other addresses are not affected.
        let right = try_sign_in(&app, "reporter@home.test", PASSWORD).await;
        assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(right.session_cookie().is_none());
        sign_in(&app, "colleague@home.test").await;
        // Overlong input is refused before any work is done.
        let long = "x".repeat(2_000);
        let answer = try_sign_in(&app, "colleague@home.test", &long).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[tokio::test]
async fn a_successful_sign_in_clears_earlier_failures() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        for round in 0..2 {
            for _ in 0..app::identity::auth::service::MAX_FAILURES - 1 {
                let answer = try_sign_in(&app, "reporter@home.test", "guess").await;
                assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "round {round}");
            }
            sign_in(&app, "reporter@home.test").await;
        }
    })
    .await;
}

#[tokio::test]
async fn people_download_their_own_data_only() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        assert_eq!(send(&app, get("/me/data.json", None)).await.status, StatusCode::UNAUTHORIZED);

        let cookie = sign_in(&app, "reporter@home.test").await;
        let body = report_body("Mine to download", &w.home_department.to_string(), "4");
        let answer = try_report(&app, Some(&cookie), body.clone()).await;
        assert_eq!(answer.status, StatusCode::OK);

        let mine = send(&app, get("/me/data.json", Some(&cookie))).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert!(mine
            .headers
            .get(header::CONTENT_DISPOSITION)
            .is_some_and(|v| v.to_str().unwrap_or("").starts_with("attachment")));
        let data: app::identity::model::PersonalData = serde_json::from_str(&mine.body).expect("json");
        assert_eq!(data.email, "reporter@home.test");
        assert_eq!(data.municipality, "Home Kommune");
        assert_eq!(data.reported_candidates.len(), 1);
        assert_eq!(data.reported_candidates[0].title, "Mine to download");

        let other = sign_in(&app, "colleague@home.test").await;
        let theirs = send(&app, get("/me/data.json", Some(&other))).await;
        let data: app::identity::model::PersonalData = serde_json::from_str(&theirs.body).expect("json");
        assert_eq!(data.email, "colleague@home.test");
        assert!(data.reported_candidates.is_empty());
    })
    .await;
}

/// Server functions read their whole body; an oversized one is refused before that.
#[tokio::test]
async fn oversized_bodies_are_refused() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        let huge = format!("email=x%40home.test&password={}", "a".repeat(9 * 1024 * 1024));
        // As browsers send it, with its length: refused before any of it is read.
        let declared = post_form("/fn/identity/login", None).header(header::CONTENT_LENGTH, huge.len());
        let answer = send(&app, declared.body(Body::from(huge.clone())).expect("req")).await;
        assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
        // Streamed without a length: cut off at the limit, refused as a bad request.
        let answer = send(&app, post_form("/fn/identity/login", None).body(Body::from(huge)).expect("req")).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        let normal = try_sign_in(&app, "reporter@home.test", PASSWORD).await;
        assert_eq!(normal.status, StatusCode::OK);
    })
    .await;
}

/// A session in use stays alive past the idle time counted from sign-in (the store writes a
/// session only when it changes, so it is renewed on use); one left alone for the idle time ends.
#[tokio::test]
async fn sessions_end_after_the_idle_time_not_while_in_use() {
    each_backend(|db| async move {
        world(&db).await;
        let mut config = server::config::Config::from_lookup(|_| None).expect("config");
        config.session_idle = std::time::Duration::from_secs(2);
        let app = router_from(&db, &config);
        let cookie = sign_in(&app, "reporter@home.test").await;
        // 2.8 s of use in all, longer than the idle time since sign-in.
        for _ in 0..4 {
            tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            let mine = send(&app, get("/me/data.json", Some(&cookie))).await;
            assert_eq!(mine.status, StatusCode::OK, "still signed in while in use");
        }
        tokio::time::sleep(std::time::Duration::from_millis(2300)).await;
        let idle = send(&app, get("/me/data.json", Some(&cookie))).await;
        assert_eq!(idle.status, StatusCode::UNAUTHORIZED, "ended after the idle time");
    })
    .await;
}

#[tokio::test]
async fn sign_in_continues_only_to_a_path_on_this_site() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        let cases = [
            ("/candidates/4?q=pas", "/candidates/4?q=pas"),
            ("//evil.example", "/"),
            ("/\t/evil.example", "/"),
            ("/\n/evil.example", "/"),
            ("/\\evil.example", "/"),
            ("/%5Cevil.example", "/"),
            ("/%09/evil.example", "/"),
            ("/%2F/evil.example", "/"),
            ("https://evil.example/", "/"),
        ];
        for (next, expected) in cases {
            let body = encode(&[("email", "reporter@home.test"), ("password", PASSWORD), ("next", next)]);
            let request = post_form("/fn/identity/login", None).header(header::ACCEPT, "text/html");
            let answer = send(&app, request.body(Body::from(body)).expect("req")).await;
            assert!(answer.session_cookie().is_some(), "{next:?}: signed in ({})", answer.status);
            assert_eq!(answer.location(), expected, "{next:?}");
        }
    })
    .await;
}

/// One sign-in attempt from a client at `ip`, as the server's socket would tell it.
async fn try_sign_in_from(router: &Router, ip: [u8; 4], email: &str, password: &str) -> Answer {
    let body = encode(&[("email", email), ("password", password)]);
    let mut request = post_form("/fn/identity/login", None).body(Body::from(body)).expect("req");
    let peer = std::net::SocketAddr::from((ip, 40_000));
    request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    send(router, request).await
}

#[tokio::test]
async fn a_burst_of_guesses_gets_five_checks_and_does_not_lock_out_the_owner() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        let attacker = [203, 0, 113, 7];
        let mut burst = tokio::task::JoinSet::new();
        for _ in 0..30 {
            let app = app.clone();
            burst.spawn(async move { try_sign_in_from(&app, attacker, "reporter@home.test", "guess").await.status });
        }
        let statuses = burst.join_all().await;
        let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
        let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
        assert_eq!((checked, refused), (5, 25), "at most five passwords checked: {statuses:?}");
        // The attacker's machine stays locked for this address, even with the right password ...
        let locked = try_sign_in_from(&app, attacker, "reporter@home.test", PASSWORD).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(locked.session_cookie().is_none());
        // ... while the owner, on their own machine, signs in.
        let owner = try_sign_in_from(&app, [198, 51, 100, 20], "reporter@home.test", PASSWORD).await;
        assert_eq!(owner.status, StatusCode::OK, "{}", owner.body);
        assert!(owner.session_cookie().is_some());
    })
    .await;
}

/// Issue 21: a session has an absolute lifetime from sign-in, and ends after it even while in use.
#[tokio::test]
async fn sessions_end_after_their_lifetime_even_while_in_use() {
    each_backend(|db| async move {
        world(&db).await;
        let mut config = server::config::Config::from_lookup(|_| None).expect("config");
        assert_eq!(config.session_max, std::time::Duration::from_secs(7 * 24 * 3600), "7 days by default");
        config.session_max = std::time::Duration::from_secs(2);
        let app = router_from(&db, &config);
        let cookie = sign_in(&app, "reporter@home.test").await;
        for _ in 0..2 {
            tokio::time::sleep(std::time::Duration::from_millis(600)).await;
            let mine = send(&app, get("/me/data.json", Some(&cookie))).await;
            assert_eq!(mine.status, StatusCode::OK, "signed in within the lifetime");
        }
        tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
        let old = send(&app, get("/me/data.json", Some(&cookie))).await;
        assert_eq!(old.status, StatusCode::UNAUTHORIZED, "ended after the lifetime, though in use");
        let again = send(&app, get("/me/data.json", Some(&cookie))).await;
        assert_eq!(again.status, StatusCode::UNAUTHORIZED, "and stays ended");
        let fresh = sign_in(&app, "reporter@home.test").await;
        assert_eq!(
            send(&app, get("/me/data.json", Some(&fresh))).await.status,
            StatusCode::OK,
            "a new sign-in counts anew"
        );
    })
    .await;
}
