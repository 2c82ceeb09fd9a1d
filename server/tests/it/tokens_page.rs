//! The page `/me/tokens` and its server functions through the whole router: the new token
//! shown once (also after a form posted without JavaScript, never in a URL), own tokens only.

use crate::client::{encode, get, post_form, router, send, Answer};
use crate::support::{each_backend, world, PASSWORD};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;

async fn sign_in(app: &Router, email: &str) -> String {
    let body = encode(&[("email", email), ("password", PASSWORD)]);
    let answer = send(app, post_form("/fn/identity/login", None).body(Body::from(body)).expect("req")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.session_cookie().expect("session cookie")
}

fn create_body(name: &str, scope: &str, days: &str) -> String {
    encode(&[("form[name]", name), ("form[scope]", scope), ("form[expires_in_days]", days)])
}

/// A plain HTML form post, as a browser without JavaScript sends it from the page.
async fn html_post(app: &Router, path: &str, cookie: &str, body: String) -> Answer {
    let request = post_form(path, Some(cookie))
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, "http://127.0.0.1:3000/me/tokens")
        .body(Body::from(body))
        .expect("req");
    send(app, request).await
}

/// The token text shown in the page's read-only field, if any.
fn shown_token(page: &str) -> Option<String> {
    let start = page.find("value=\"apt_")? + "value=\"".len();
    Some(page[start..].chars().take_while(|c| *c != '"').collect())
}

async fn api_status(app: &Router, token: &str) -> StatusCode {
    let request = Request::get("/api/v1/me")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("req");
    send(app, request).await.status
}

fn no_store(answer: &Answer) -> bool {
    answer.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()) == Some("no-store")
}

#[tokio::test]
async fn without_javascript_the_new_token_is_shown_once_and_never_in_a_url() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        assert_eq!(send(&app, get("/me/tokens", None)).await.status, StatusCode::UNAUTHORIZED);
        let cookie = sign_in(&app, "reporter@home.test").await;
        let empty = send(&app, get("/me/tokens", Some(&cookie))).await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(empty.body.contains("You have no tokens yet.") && empty.body.contains("Create token"));

        let created = html_post(&app, "/fn/tokens/create", &cookie, create_body("Nightly export", "write", "30")).await;
        assert_eq!(created.status, StatusCode::FOUND, "{}", created.body);
        assert_eq!(created.location(), "/me/tokens");
        assert!(!created.body.contains("apt_"), "the redirect itself carries no token: {}", created.body);

        let page = send(&app, get("/me/tokens", Some(&cookie))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(no_store(&page), "a page showing a token is not cached");
        let token = shown_token(&page.body).expect("the token is shown");
        assert!(page.body.contains("Token “Nightly export” created"));
        assert_eq!(api_status(&app, &token).await, StatusCode::OK, "and it works");

        let again = send(&app, get("/me/tokens", Some(&cookie))).await;
        assert_eq!(shown_token(&again.body), None, "shown once only");
        assert!(!again.body.contains(&token));
        assert!(again.body.contains(&token[..10]), "the list shows its first characters");
        assert!(again.body.contains("Nightly export"));

        // Refused input comes back to the form with its message; nothing is created.
        let refused = html_post(&app, "/fn/tokens/create", &cookie, create_body("", "read", "")).await;
        assert_eq!(refused.status, StatusCode::FOUND);
        assert!(refused.location().contains("__err="), "{}", refused.location());
        let path = refused.location().trim_start_matches("http://127.0.0.1:3000").to_owned();
        let form = send(&app, get(&path, Some(&cookie))).await;
        assert!(form.body.contains("Please fill this in."));
        assert_eq!(shown_token(&form.body), None);
    })
    .await;
}

#[tokio::test]
async fn the_hydrated_page_gets_the_token_in_the_answer_and_people_revoke_their_own_only() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        let cookie = sign_in(&app, "reporter@home.test").await;
        let answer = send(
            &app,
            post_form("/fn/tokens/create", Some(&cookie)).body(Body::from(create_body("CI", "read", ""))).expect("req"),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert!(no_store(&answer));
        let new: Option<app::identity::tokens::model::NewToken> = serde_json::from_str(&answer.body).expect("json");
        let new = new.expect("the token, in the answer");
        assert_eq!(api_status(&app, &new.token).await, StatusCode::OK);
        let page = send(&app, get("/me/tokens", Some(&cookie))).await;
        assert_eq!(shown_token(&page.body), None, "nothing waits in the session");

        let revoke = |cookie: String, id: i64| {
            let app = app.clone();
            async move {
                let body = encode(&[("id", &id.to_string())]);
                send(&app, post_form("/fn/tokens/revoke", Some(&cookie)).body(Body::from(body)).expect("req")).await
            }
        };
        let colleague = sign_in(&app, "colleague@home.test").await;
        let theirs = revoke(colleague, new.id).await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND, "another person's token is no token");
        assert_eq!(api_status(&app, &new.token).await, StatusCode::OK, "and still works");

        let mine = revoke(cookie.clone(), new.id).await;
        assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
        assert_eq!(api_status(&app, &new.token).await, StatusCode::UNAUTHORIZED);
        let page = send(&app, get("/me/tokens?revoked=1", Some(&cookie))).await;
        assert!(page.body.contains("The token is revoked."));
        assert!(page.body.contains("Revoked "), "the list says since when");
    })
    .await;
}
