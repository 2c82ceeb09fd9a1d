//! Single sign-on end to end against a real OpenID provider: the npm package `oidc-provider`
//! (end2end/oidc/provider.mjs), started here on a free loopback port. Discovery, the
//! authorisation request with PKCE, the provider's login and consent forms, the code exchange,
//! ID-token validation and the session, all for real. Skipped (with a note) where Node or the
//! end2end packages are missing; setup.sh installs both.

use crate::client::{get, router_with, send};
use crate::support::{each_backend, world};
use app::db::Db;
use app::identity::sso::model::SsoForm;
use app::with_pool;
use axum::http::{header, StatusCode};
use axum::Router;
use openidconnect::reqwest;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const PUBLIC_URL: &str = "http://127.0.0.1:3999";
const KEYS: &str = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// The node process, ended when the test is done, pass or fail.
struct NodeProvider {
    child: Child,
    issuer: String,
}

impl Drop for NodeProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Without Node or the npm packages the provider tests are skipped, except where the suite is
/// told they must run (scripts/test.sh, and so CI): there a missing provider fails.
fn skip(why: &str) -> Option<NodeProvider> {
    if std::env::var_os("AUTOPORT_TEST_REQUIRE_OIDC_PROVIDER").is_some() {
        panic!("the test provider must run here, but: {why}");
    }
    eprintln!("test provider skipped: {why}");
    None
}

async fn start_provider() -> Option<NodeProvider> {
    let end2end = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end");
    if !end2end.join("node_modules/oidc-provider").is_dir() {
        return skip("end2end/node_modules missing (run scripts/setup.sh)");
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
    let child = Command::new("node")
        .arg("oidc/provider.mjs")
        .current_dir(&end2end)
        .env("OIDC_PORT", port.to_string())
        .env("OIDC_REDIRECT_URIS", format!("{PUBLIC_URL}/auth/oidc/callback"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(child) = child else {
        return skip("node not found");
    };
    let provider = NodeProvider { child, issuer: format!("http://127.0.0.1:{port}") };
    let discovery = format!("{}/.well-known/openid-configuration", provider.issuer);
    for _ in 0..100 {
        if reqwest::get(&discovery).await.is_ok_and(|r| r.status().is_success()) {
            return Some(provider);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the test provider did not start");
}

fn router(db: &Db) -> Router {
    router_with(db, |name| match name {
        "AUTOPORT_PUBLIC_URL" => Some(PUBLIC_URL.to_owned()),
        "AUTOPORT_DATA_KEYS" => Some(KEYS.to_owned()),
        "AUTOPORT_SSO_ALLOW_LOOPBACK" => Some("1".to_owned()),
        _ => None,
    })
}

/// A browser at the provider: follows redirects, keeps cookies, fills in the development login
/// (any name) and consent forms, and stops at the redirect back to Autoport.
async fn through_provider(authorize_url: &str, login: &str) -> String {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let mut jar: HashMap<String, String> = HashMap::new();
    let mut url = url::Url::parse(authorize_url).expect("authorize url");
    let mut form: Option<String> = None;
    for _ in 0..12 {
        let cookies = jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        let request = match form.take() {
            Some(body) => {
                client.post(url.clone()).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(body)
            }
            None => client.get(url.clone()),
        };
        let response = request.header(header::COOKIE, cookies).send().await.expect("provider reachable");
        for set in response.headers().get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()) {
            if let Some((name, value)) = set.split(';').next().and_then(|kv| kv.split_once('=')) {
                jar.insert(name.trim().to_owned(), value.to_owned());
            }
        }
        if response.status().is_redirection() {
            let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).expect("location");
            if location.starts_with(PUBLIC_URL) {
                return location.to_owned();
            }
            url = url.join(location).expect("redirect url");
            continue;
        }
        let html = response.text().await.expect("page");
        let action = html.split("action=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("a form");
        url = url.join(action).expect("form action");
        form = Some(if html.contains("value=\"login\"") {
            format!("prompt=login&login={login}&password=x")
        } else {
            "prompt=consent".to_owned()
        });
    }
    panic!("the provider never sent the browser back");
}

#[tokio::test]
async fn sign_in_through_a_real_provider() {
    let Some(provider) = start_provider().await else { return };
    let issuer = provider.issuer.clone();
    each_backend(move |db| {
        let issuer = issuer.clone();
        async move {
            let w = world(&db).await;
            let keys = app::crypto::KeyRing::parse(KEYS).expect("keys");
            let form = SsoForm {
                issuer: issuer.clone(),
                client_id: "autoport".into(),
                client_secret: "autoport-test-secret".into(),
                groups_claim: "groups".into(),
                role_mapping: "autoport-coordinators = coordinator".into(),
                enabled: Some("on".into()),
            };
            app::identity::sso::service::save(&db, &keys, Some(&w.municipality_admin), form).await.expect("save");
            let router = router(&db);

            let started = send(&router, get("/auth/oidc/101", None)).await;
            assert_eq!(started.status, StatusCode::SEE_OTHER);
            let authorize = started.location();
            assert!(authorize.starts_with(&format!("{issuer}/auth?")), "{authorize}");
            assert!(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce="), "{authorize}");
            let before = started.session_cookie().expect("a session holds state, nonce and PKCE verifier");

            let back = through_provider(authorize, "coord-alice").await;
            let callback = back.strip_prefix(PUBLIC_URL).expect("our callback").to_owned();
            let signed_in = send(&router, get(&callback, Some(&before))).await;
            assert_eq!((signed_in.status, signed_in.location()), (StatusCode::SEE_OTHER, "/"), "sign-in failed");
            let after = signed_in.session_cookie().expect("a new session id at sign-in");
            assert_ne!(after, before, "the session id rotates at sign-in");

            let me = send(&router, get("/fn/identity/me", Some(&after))).await.body;
            assert!(me.contains("Coord-alice Single") && me.contains("Home Kommune"), "{me}");
            let roles: Vec<String> = with_pool!(&db, pool => sqlx::query_scalar(
                "SELECT r.role FROM user_roles r JOIN users u ON u.id = r.user_id \
                 WHERE u.oidc_subject = $1 AND u.municipality_id = $2 ORDER BY r.role")
                .bind("coord-alice").bind(w.home).fetch_all(pool).await)
            .expect("roles");
            assert_eq!(roles, vec!["coordinator", "reporter"]);

            // The same answer again is refused: the pending sign-in was used up.
            let again = send(&router, get(&callback, Some(&before))).await;
            assert_eq!((again.status, again.location()), (StatusCode::SEE_OTHER, "/login?sso_error=1"));
        }
    })
    .await;
}

#[tokio::test]
async fn failures_go_back_to_the_login_page() {
    each_backend(|db| async move {
        let _ = world(&db).await;
        let router = router(&db);
        // No provider for this municipality, and an answer nobody asked for.
        for path in ["/auth/oidc/101", "/auth/oidc/nope", "/auth/oidc/callback?code=x&state=y", "/auth/oidc/callback"] {
            let answer = send(&router, get(path, None)).await;
            assert_eq!((answer.status, answer.location()), (StatusCode::SEE_OTHER, "/login?sso_error=1"), "{path}");
        }
        let page = send(&router, get("/login?sso_error=1", None)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Single sign-on did not succeed."), "the login page explains");
    })
    .await;
}

/// Sign-in starts for a provider whose issuer is an address the server may not reach are
/// refused without a connection: a listener there never sees one.
#[tokio::test]
async fn an_issuer_on_a_private_address_is_refused_without_connecting() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let keys = app::crypto::KeyRing::parse(KEYS).expect("keys");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("listener");
        let port = listener.local_addr().expect("addr").port();
        // Loopback is not allowed without AUTOPORT_SSO_ALLOW_LOOPBACK; written as an address,
        // and as a name that resolves to it.
        for issuer in [format!("http://127.0.0.1:{port}"), format!("http://localhost:{port}")] {
            let form = SsoForm {
                issuer: issuer.clone(),
                client_id: "autoport".into(),
                client_secret: "autoport-test-secret".into(),
                groups_claim: String::new(),
                role_mapping: String::new(),
                enabled: Some("on".into()),
            };
            app::identity::sso::service::save(&db, &keys, Some(&w.municipality_admin), form).await.expect("save");
            let router = router_with(&db, |name| match name {
                "AUTOPORT_PUBLIC_URL" => Some(PUBLIC_URL.to_owned()),
                "AUTOPORT_DATA_KEYS" => Some(KEYS.to_owned()),
                _ => None,
            });
            for _ in 0..2 {
                let started = send(&router, get("/auth/oidc/101", None)).await;
                assert_eq!(started.status, StatusCode::SEE_OTHER);
                assert!(!started.location().starts_with(&issuer), "{issuer}: {}", started.location());
            }
        }
        let accepted = tokio::time::timeout(Duration::from_millis(300), listener.accept()).await;
        assert!(accepted.is_err(), "no connection was made");
    })
    .await;
}
