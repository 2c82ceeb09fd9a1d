//! What a server function's answer needs, whatever its domain: the HTTP status of an error,
//! telling a plain HTML form post from the hydrated page's call, a safe local path to go on to,
//! and the caller's address.

use leptos::prelude::*;

/// The address of the person's machine, as the server determined it (the socket's peer, or
/// what a trusted reverse proxy says in `X-Forwarded-For`); set on every request by a layer of
/// the server. Absent only where no socket is (in-process tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

/// The caller's address, when the server's layer set it.
pub fn client_ip() -> Option<std::net::IpAddr> {
    use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<ClientIp>().map(|c| c.0))
}

/// Sets the status of the server function's response, except for a plain HTML form post
/// (JavaScript off): that one is redirected back to its page with the error in the URL, and
/// must stay a redirect.
pub fn set_error_status(code: u16) {
    if !is_plain_form_post() {
        if let (Some(response), Ok(status)) =
            (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
        {
            response.set_status(status);
        }
    }
}

/// True for a form the browser posted itself (JavaScript off): it asks for HTML, where the
/// hydrated page's server-function client asks for the function's own encoding. Leptos tells the
/// two apart the same way when it redirects a plain form post back to its page.
pub fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::ACCEPT).cloned())
        .and_then(|v| v.to_str().ok().map(|v| v.contains("text/html")))
        .unwrap_or(false)
}

/// A local path to continue to after a form, never another site (no open redirects).
///
/// Only a path of visible ASCII that starts with one `/` is kept: browsers drop tabs and line
/// breaks from a URL and read `\` as `/`, so `/\t/evil.example` or `/\\evil.example` would lead
/// to `//evil.example`, another site. Percent escapes must be well formed and must not stand for
/// a control character, a backslash or a second leading `/` either; anything else is `fallback`.
pub fn local_path(next: Option<&str>, fallback: &str) -> String {
    match next {
        Some(p) if is_local_path(p) => p.to_owned(),
        _ => fallback.to_owned(),
    }
}

fn is_local_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    if bytes.first() != Some(&b'/') || matches!(bytes.get(1), Some(b'/' | b'\\')) {
        return false;
    }
    // Visible ASCII only: no control characters (C0, DEL; C1 and anything else non-ASCII would
    // have to be percent-encoded in a URL), no space, no backslash.
    if !bytes.iter().all(|b| b.is_ascii_graphic() && *b != b'\\') {
        return false;
    }
    // Every `%` followed by two hex digits; only then decoded (the decoder keeps bad escapes).
    let well_formed = path
        .split('%')
        .skip(1)
        .all(|after| after.as_bytes().get(..2).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)));
    if !well_formed {
        return false;
    }
    let decoded: Vec<u8> = percent_encoding::percent_decode(bytes).collect();
    if matches!(decoded.get(1), Some(b'/' | b'\\')) || decoded.iter().any(|b| b.is_ascii_control() || *b == b'\\') {
        return false;
    }
    // C1 control characters, percent-encoded as UTF-8 (U+0080..U+009F is C2 80..C2 9F).
    !decoded.windows(2).any(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn next_must_stay_on_this_site() {
        let kept = [
            "/",
            "/candidates/4",
            "/candidates?q=pas&phase=idea",
            "/candidates/export.csv?q=p%C3%A5mind",
            "/search#top",
            "/a/b%2Fc",
        ];
        for next in kept {
            assert_eq!(local_path(Some(next), "/home"), next, "{next:?}");
        }
        let refused = [
            "//evil.example",
            "///evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\r/evil.example",
            "/\n/evil.example",
            "/\u{0}/evil.example",
            "/\u{1b}/evil.example",
            "/\u{7f}/evil.example",
            "/\u{85}/evil.example",
            "/\u{9f}/evil.example",
            " /evil",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%09/evil.example",
            "/%0D%0ALocation:%20x",
            "/%0a",
            "/%7F",
            "/%C2%85",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%zz",
            "/%",
            "/a b",
        ];
        for next in refused {
            assert_eq!(local_path(Some(next), "/home"), "/home", "{next:?}");
        }
        assert_eq!(local_path(None, "/home"), "/home");
    }
}
