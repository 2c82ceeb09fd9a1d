//! Security headers on every kind of answer: pages with a nonce'd Content-Security-Policy that
//! names the nonce of their inline scripts, everything else with a policy that allows nothing,
//! and HSTS only behind https.

use crate::client::{get, post_form, router, router_with, send, Answer};
use crate::http::sign_in;
use crate::support::{each_backend, world};
use axum::body::Body;
use axum::http::header;

fn header<'a>(answer: &'a Answer, name: &str) -> &'a str {
    answer.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

/// The nonce a page's policy names.
fn policy_nonce(answer: &Answer) -> String {
    let policy = header(answer, "content-security-policy");
    let start = policy.find("'nonce-").map(|i| i + "'nonce-".len()).unwrap_or_else(|| panic!("no nonce: {policy}"));
    policy[start..].split('\'').next().unwrap_or_default().to_owned()
}

fn common_headers(what: &str, answer: &Answer) {
    assert_eq!(header(answer, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(answer, "x-frame-options"), "DENY", "{what}");
    assert_eq!(header(answer, "referrer-policy"), "same-origin", "{what}");
    assert!(header(answer, "content-security-policy").contains("frame-ancestors 'none'"), "{what}");
    assert_eq!(header(answer, "strict-transport-security"), "", "{what}: no HSTS over http");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    each_backend(|db| async move {
        let _ = world(&db).await;
        let app = router(&db);

        // Pages: a fresh nonce per response, on every inline script and in the policy.
        let first = send(&app, get("/candidates", None)).await;
        let second = send(&app, get("/candidates", None)).await;
        common_headers("page", &first);
        let policy = header(&first, "content-security-policy");
        assert!(policy.contains("script-src 'self' 'nonce-"), "{policy}");
        assert!(policy.contains("'wasm-unsafe-eval'") && !policy.contains("unsafe-inline"), "{policy}");
        let nonce = policy_nonce(&first);
        assert!(nonce.len() >= 16, "{nonce}");
        assert_ne!(nonce, policy_nonce(&second), "a new nonce for every response");
        let scripts = first.body.matches("<script").count();
        assert!(scripts > 0, "the page has its hydration script");
        assert_eq!(
            first.body.matches(&format!("<script nonce=\"{nonce}\"")).count()
                + first.body.matches(&format!("<script type=\"module\" nonce=\"{nonce}\"")).count(),
            scripts,
            "every inline script carries the policy's nonce"
        );

        // A missing page is a page too.
        let missing = send(&app, get("/no-such-page", None)).await;
        assert_eq!(missing.status, 404);
        common_headers("404 page", &missing);
        assert!(header(&missing, "content-security-policy").contains("'nonce-"));

        // Server functions, the API, probes, downloads: nothing may run or load.
        let cookie = sign_in(&app, "reporter@home.test").await;
        for (what, answer) in [
            (
                "server function",
                send(&app, post_form("/fn/identity/logout", Some(&cookie)).body(Body::empty()).expect("req")).await,
            ),
            ("API", send(&app, get("/api/v1/me", None)).await),
            ("probe", send(&app, get("/readyz", None)).await),
            ("CSV export", send(&app, get("/candidates/export.csv", Some(&cookie))).await),
        ] {
            common_headers(what, &answer);
            assert_eq!(
                header(&answer, "content-security-policy"),
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
                "{what}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn hsts_only_when_people_reach_the_portal_over_https() {
    each_backend(|db| async move {
        let app =
            router_with(&db, |name| (name == "AUTOPORT_PUBLIC_URL").then(|| "https://autoport.example.dk".to_owned()));
        let mut request = get("/healthz", None);
        request.headers_mut().insert(header::HOST, "autoport.example.dk".parse().expect("host"));
        let answer = send(&app, request).await;
        assert_eq!(header(&answer, "strict-transport-security"), "max-age=31536000; includeSubDomains");
    })
    .await;
}
