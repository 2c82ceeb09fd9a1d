//! The in-process HTTP client of the integration tests: the whole router, requests as a
//! browser sends them, and what came back.

use app::db::Db;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::config::Config;
use tower::ServiceExt;

/// The router with the default configuration.
pub fn router(db: &Db) -> Router {
    router_with(db, |_| None)
}

/// The router with configuration taken from `lookup` (environment variable → value).
pub fn router_with(db: &Db, lookup: impl Fn(&str) -> Option<String>) -> Router {
    router_from(db, &Config::from_lookup(lookup).expect("config"))
}

/// The router with `config` as given (tests that shorten a duration).
pub fn router_from(db: &Db, config: &Config) -> Router {
    let options = LeptosOptions::builder().output_name("autoport").build();
    server::router(config, options, db.clone()).expect("router")
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Answer {
    /// The `Location` header, empty when there is none.
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    /// The session cookie this answer sets, as `name=value`.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(server::SESSION_COOKIE))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

pub fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(path).header(header::HOST, "127.0.0.1:3000");
    if let Some(c) = cookie {
        builder = builder.header(header::COOKIE, c);
    }
    builder.body(Body::empty()).expect("request")
}

pub fn post_form(path: &str, cookie: Option<&str>) -> axum::http::request::Builder {
    let mut builder = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        builder = builder.header(header::COOKIE, c);
    }
    builder
}

pub fn encode(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&")
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
