//! Security headers on every answer: pages, server functions, the API, files and errors.
//!
//! Pages get a Content-Security-Policy that names the per-response nonce Leptos puts on its
//! inline scripts (the hydration loader and the resolved resources), so no inline script of
//! anyone else's runs even if markup were ever injected. Everything else gets a policy that
//! allows nothing at all. docs/decisions.md says why each directive is there.

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// The policy of a rendered page. `'wasm-unsafe-eval'` lets the browser compile the wasm;
/// `'self'` loads the wasm-bindgen module the nonce'd loader imports. No `'unsafe-inline'`.
pub fn page_policy(nonce: &str, live_reload: Option<&str>) -> String {
    // `cargo leptos watch` injects a script that opens a websocket to its reload port.
    let connect = match live_reload {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src {connect}; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'"
    )
}

/// The policy of every answer that is not a page: nothing may run, load or frame it.
pub const STRICT_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Run inside the context of every page render (after leptos_axum has provided the request's
/// nonce and response options): the page's policy with that nonce.
pub fn page_policy_into_response() {
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    let live_reload = std::env::var("LEPTOS_WATCH").is_ok().then(|| {
        let port = std::env::var("LEPTOS_RELOAD_PORT").unwrap_or_else(|_| "3001".to_owned());
        format!("ws://127.0.0.1:{port} ws://localhost:{port}")
    });
    if let Ok(value) = HeaderValue::from_str(&page_policy(nonce.as_inner(), live_reload.as_deref())) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// HSTS for a year, sent only when people reach the portal over https (`AUTOPORT_PUBLIC_URL`).
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Adds the headers an answer does not set itself (an attachment download keeps its
/// `sandbox` policy, a page its nonce'd one).
pub async fn security_headers(https: bool, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    let defaults: [(HeaderName, &'static str); 5] = [
        (header::CONTENT_SECURITY_POLICY, STRICT_POLICY),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    for (name, value) in defaults {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
    if https {
        headers.entry(header::STRICT_TRANSPORT_SECURITY).or_insert(HeaderValue::from_static(HSTS));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_policy_names_the_nonce_and_never_unsafe_inline() {
        let policy = page_policy("abc123", None);
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy.contains("ws://"));
        assert!(page_policy("n", Some("ws://127.0.0.1:3001")).contains("connect-src 'self' ws://127.0.0.1:3001"));
    }
}
