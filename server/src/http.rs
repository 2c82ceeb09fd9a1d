//! Plain HTTP routes beside the Leptos pages, and the layers around everything.

use crate::config::Config;
use app::common::error::{AppError, AppResult};
use app::common::locale::{Locale, LANG_COOKIE};
use app::identity::auth::AuthSession;
use app::identity::model::PersonalData;
use app::identity::request::ClientIp;
use app::identity::state::AppState;
use axum::extract::{ConnectInfo, MatchedPath, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::{Cookie, SameSite};
use tracing::Level;

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(live))
        .route("/readyz", get(ready))
        .route("/lang/{code}", get(switch_language))
        .route("/me/data.json", get(my_data))
        .with_state(state)
}

/// The largest request body accepted (413 beyond): room for a CSV import of a few megabytes,
/// which form encoding can triple. Server functions read their whole body into memory, so
/// without this bound one request could take the node's memory.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Request span with the matched route, security headers, a same-origin check on writes, a time
/// limit (the body limit is on the routes: [`limit_bodies`]).
pub fn outer_layers(router: Router, config: &Config) -> Router {
    let public_origin = origin_of(&config.public_url).map(str::to_owned);
    let https = config.public_url.starts_with("https://");
    let trusted = std::sync::Arc::new(config.trusted_proxies.clone());
    router
        .layer(middleware::from_fn(move |mut req: Request, next: Next| {
            let trusted = trusted.clone();
            async move {
                let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
                if let Some(ip) = peer.map(|peer| client_ip(peer, req.headers(), &trusted)) {
                    req.extensions_mut().insert(ClientIp(ip));
                }
                next.run(req).await
            }
        }))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let public_origin = public_origin.clone();
            async move { same_origin_writes(public_origin.as_deref(), req, next).await }
        }))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        // Outside the limits and the timeout, so that their answers carry the headers too.
        .layer(middleware::from_fn(move |req: Request, next: Next| crate::headers::security_headers(https, req, next)))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
                    tracing::info_span!("request", method = %req.method(), route = route.as_deref().unwrap_or("-"))
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// The client's address: the socket's peer, unless that is a trusted proxy; then the
/// right-most address of `X-Forwarded-For` that is not a trusted proxy itself (the left part
/// of the header is whatever the client sent and proves nothing).
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let canonical = |ip: IpAddr| ip.to_canonical();
    if !trusted.iter().any(|t| canonical(*t) == canonical(peer)) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in forwarded.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !trusted.iter().any(|t| canonical(*t) == canonical(ip)) {
                    break;
                }
            }
            // A hop we cannot read: the last one we could is as far as we trust.
            Err(_) => break,
        }
    }
    client
}

/// Every request body of `router`'s routes is limited to [`MAX_BODY_BYTES`]: 413 at once when
/// the declared length is larger; a body without one (or lying about it) fails where it passes
/// the limit. A layer on the routes rather than around everything, so that the attachment upload
/// (`attachments::upload_routes`, merged after) keeps its own, configured limit.
pub fn limit_bodies(router: Router) -> Router {
    router.layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
}

/// The process is up.
async fn live() -> &'static str {
    "ok"
}

/// The process can serve: the database answers within two seconds.
async fn ready(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => "ready".into_response(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness: database error");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
        Err(_) => {
            tracing::warn!("readiness: database timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// The caller's personal data as a JSON download (GDPR access and portability).
async fn my_data(State(state): State<AppState>, auth: AuthSession) -> Response {
    match personal_data(&state, &auth).await {
        Ok(data) => match serde_json::to_vec_pretty(&data) {
            Ok(body) => (
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::CONTENT_DISPOSITION, "attachment; filename=\"autoport-my-data.json\""),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                body,
            )
                .into_response(),
            Err(error) => {
                tracing::error!(%error, "serialising personal data failed");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        },
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, axum::Json(error)).into_response()
        }
    }
}

/// What the identity service knows about the caller, with their sessions from the store.
async fn personal_data(state: &AppState, auth: &AuthSession) -> AppResult<PersonalData> {
    let actor = auth.user.as_ref().map(|u| &u.actor);
    let mut data = app::identity::auth::service::personal_data(&state.db, actor).await?;
    let user_id = actor.ok_or(AppError::Unauthenticated)?.user_id;
    data.sessions = crate::sessions::of_person(&state.db, user_id, auth.session.id()).await.map_err(|error| {
        tracing::error!(%error, "reading the person's sessions failed");
        AppError::Internal
    })?;
    Ok(data)
}

/// Sets the language cookie and goes back to the page the link was on.
async fn switch_language(Path(code): Path<String>, headers: HeaderMap) -> Response {
    let Some(locale) = Locale::from_code(&code).filter(|l| l.code() == code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| same_site_path(referer, headers.get(header::HOST).and_then(|h| h.to_str().ok())))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = Cookie::build((LANG_COOKIE, locale.code()))
        .path("/")
        .max_age(time::Duration::days(365))
        .same_site(SameSite::Lax)
        .build();
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, back)]).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// The path (and query) of `url` when it points at `host`; never another site.
fn same_site_path(url: &str, host: Option<&str>) -> Option<String> {
    let rest = url.split_once("://").map(|(_, rest)| rest)?;
    let (authority, path) = rest.find('/').map(|i| rest.split_at(i)).unwrap_or((rest, "/"));
    (Some(authority) == host).then(|| app::identity::request::local_path(Some(path), "/"))
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> Option<&str> {
    let start = url.find("://")? + 3;
    Some(match url[start..].find('/') {
        Some(i) => &url[..start + i],
        None => url,
    })
}

/// Refuses state-changing requests that a browser says come from another site. Together with
/// `SameSite=Lax` session cookies this keeps other sites from posting in a user's name.
/// The JSON API is exempt: it reads no cookies, only a Bearer token that another site's page
/// cannot attach, and its clients are scripts that may send any `Origin` or none.
async fn same_origin_writes(public_origin: Option<&str>, req: Request, next: Next) -> Response {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if writes && !crate::rest::is_api_path(req.uri().path()) {
        let headers = req.headers();
        let cross_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site");
        let foreign_origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).is_some_and(|origin| {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            let matches_host = origin.split_once("://").map(|(_, authority)| authority) == host;
            !matches_host && Some(origin) != public_origin
        });
        if cross_site || foreign_origin {
            tracing::warn!("refused a cross-site write");
            return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referer_must_be_this_site() {
        assert_eq!(
            same_site_path("http://127.0.0.1:3000/candidates?x=1", Some("127.0.0.1:3000")).as_deref(),
            Some("/candidates?x=1")
        );
        assert_eq!(same_site_path("http://127.0.0.1:3000", Some("127.0.0.1:3000")).as_deref(), Some("/"));
        assert_eq!(same_site_path("https://evil.example/x", Some("127.0.0.1:3000")), None);
        assert_eq!(same_site_path("not a url", Some("127.0.0.1:3000")), None);
    }

    #[test]
    fn origin_is_scheme_and_authority() {
        assert_eq!(origin_of("https://autoport.example.dk/base"), Some("https://autoport.example.dk"));
        assert_eq!(origin_of("http://127.0.0.1:3000"), Some("http://127.0.0.1:3000"));
        assert_eq!(origin_of("nonsense"), None);
    }

    #[test]
    fn the_client_address_comes_from_a_trusted_proxy_only() {
        let proxy: std::net::IpAddr = "10.0.0.2".parse().expect("ip");
        let peer: std::net::IpAddr = "192.0.2.9".parse().expect("ip");
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "1.1.1.1, 198.51.100.20".parse().expect("header"));
        assert_eq!(client_ip(peer, &headers, &[]), peer, "no proxy trusted: the socket");
        assert_eq!(client_ip(peer, &headers, &[proxy]), peer, "not from the proxy: the socket");
        assert_eq!(client_ip(proxy, &headers, &[proxy]).to_string(), "198.51.100.20", "the right-most hop");
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }
}
