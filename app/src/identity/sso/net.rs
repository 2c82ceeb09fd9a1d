//! Where single sign-on may connect: only to public addresses of the provider's own host.
//!
//! Anyone may start a sign-in (`GET /auth/oidc/{code}`), and a municipality admin types the
//! issuer, so the server's requests to a provider must not become a way to reach the server's
//! own network (request forgery): every address is checked after resolving, by the HTTP
//! client's resolver, so the address checked is the address connected to (no second lookup a
//! rebinding DNS server could answer differently). Answers are read up to [`MAX_RESPONSE_BYTES`];
//! connecting may take [`CONNECT_TIMEOUT`], a whole request [`REQUEST_TIMEOUT`].

use openidconnect::reqwest;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// Discovery documents and key sets are a few kilobytes.
pub const MAX_RESPONSE_BYTES: usize = 256 * 1024;

/// May the server connect to `ip`? Only a public unicast address; loopback only when
/// `allow_loopback` (tests and development against a provider on this machine).
pub fn is_allowed(ip: IpAddr, allow_loopback: bool) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4_allowed(v4, allow_loopback),
        IpAddr::V6(v6) => v6_allowed(v6, allow_loopback),
    }
}

fn v4_allowed(ip: Ipv4Addr, allow_loopback: bool) -> bool {
    let [a, b, c, _] = ip.octets();
    if ip.is_loopback() {
        return allow_loopback;
    }
    !(a == 0 // "this network", 0.0.0.0 included
        || ip.is_private() // 10/8, 172.16/12, 192.168/16
        || ip.is_link_local() // 169.254/16, the cloud metadata address 169.254.169.254 included
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64/10
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments 192.0.0/24
        || (a == 198 && (b == 18 || b == 19)) // benchmarking 198.18/15
        || a >= 224) // multicast 224/4, reserved 240/4, broadcast
}

fn v6_allowed(ip: Ipv6Addr, allow_loopback: bool) -> bool {
    let s = ip.segments();
    if ip.is_loopback() {
        return allow_loopback;
    }
    // An IPv4 address inside (NAT64 64:ff9b::/96, 6to4 2002::/16) counts as that address.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return v4_allowed(Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8), false);
    }
    if s[0] == 0x2002 {
        return v4_allowed(Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8), false);
    }
    !(ip.is_unspecified()
        || s[0..6] == [0, 0, 0, 0, 0, 0] // IPv4-compatible ::a.b.c.d (deprecated)
        || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7, fd00:ec2::254 (cloud metadata) included
        || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (s[0] & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated)
        || (s[0] & 0xff00) == 0xff00) // multicast
}

/// May the server connect to the host of `url` as written? An IP address is checked here (the
/// resolver never sees one); a name is checked when it is resolved. `localhost` is loopback.
pub fn host_allowed(url: &url::Url, allow_loopback: bool) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => is_allowed(IpAddr::V4(ip), allow_loopback),
        Some(url::Host::Ipv6(ip)) => is_allowed(IpAddr::V6(ip), allow_loopback),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            allow_loopback || !(d == "localhost" || d.ends_with(".localhost"))
        }
        None => false,
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0} has no address a sign-in may connect to (private, loopback, link-local or the like)")]
struct Refused(String);

/// The system resolver, with every address the server may not connect to left out.
struct GuardedResolver {
    allow_loopback: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_loopback = self.allow_loopback;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = found.into_iter().filter(|a| is_allowed(a.ip(), allow_loopback)).collect();
            if allowed.is_empty() {
                return Err(Box::new(Refused(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Why a request to a provider failed (for the log).
#[derive(Debug, thiserror::Error)]
pub enum HttpFailure {
    #[error("refused to connect to {0}")]
    Refused(String),
    #[error("the answer is larger than {MAX_RESPONSE_BYTES} bytes")]
    TooLarge,
    #[error("request: {0}")]
    Request(#[from] reqwest::Error),
    #[error("answer: {0}")]
    Http(#[from] http::Error),
}

/// The HTTP client of single sign-on: no redirects (a provider could point us anywhere), the
/// guarded resolver, short timeouts and a bounded answer.
#[derive(Debug, Clone)]
pub struct GuardedHttp {
    client: reqwest::Client,
    allow_loopback: bool,
}

impl GuardedHttp {
    pub fn new(allow_loopback: bool) -> Result<GuardedHttp, String> {
        let client = reqwest::ClientBuilder::new()
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(GuardedResolver { allow_loopback }))
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            // A proxy from the environment would connect in our place, unchecked.
            .no_proxy()
            .build()
            .map_err(|e| format!("HTTP client for single sign-on: {e}"))?;
        Ok(GuardedHttp { client, allow_loopback })
    }

    pub fn allow_loopback(&self) -> bool {
        self.allow_loopback
    }

    /// This client, limited to the scheme and host of `issuer`: the provider's endpoints must be
    /// on its own host, so a discovery document cannot send us elsewhere.
    pub fn for_issuer(&self, issuer: &url::Url) -> Scoped {
        Scoped {
            http: self.clone(),
            scheme: issuer.scheme().to_owned(),
            host: issuer.host_str().map(str::to_ascii_lowercase),
        }
    }
}

/// [`GuardedHttp`] for one issuer's host (see [`GuardedHttp::for_issuer`]).
#[derive(Debug, Clone)]
pub struct Scoped {
    http: GuardedHttp,
    scheme: String,
    host: Option<String>,
}

impl Scoped {
    /// Is `url` on the issuer's scheme and host?
    pub fn same_host(&self, url: &url::Url) -> bool {
        url.scheme() == self.scheme && url.host_str().map(str::to_ascii_lowercase) == self.host
    }

    async fn send(&self, request: openidconnect::HttpRequest) -> Result<openidconnect::HttpResponse, HttpFailure> {
        let url =
            url::Url::parse(&request.uri().to_string()).map_err(|_| HttpFailure::Refused(request.uri().to_string()))?;
        if !self.same_host(&url) {
            return Err(HttpFailure::Refused(format!(
                "{} (not the issuer's host)",
                url.host_str().unwrap_or_default()
            )));
        }
        self.http.send(url, request).await
    }
}

impl GuardedHttp {
    async fn send(
        &self,
        url: url::Url,
        request: openidconnect::HttpRequest,
    ) -> Result<openidconnect::HttpResponse, HttpFailure> {
        if !host_allowed(&url, self.allow_loopback) {
            return Err(HttpFailure::Refused(url.host_str().unwrap_or_default().to_owned()));
        }
        let (parts, body) = request.into_parts();
        let mut response =
            self.client.request(parts.method, url.as_str()).headers(parts.headers).body(body).send().await?;
        if response.content_length().is_some_and(|n| n > MAX_RESPONSE_BYTES as u64) {
            return Err(HttpFailure::TooLarge);
        }
        let mut builder = http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            builder = builder.header(name, value);
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if bytes.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Err(HttpFailure::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(builder.body(bytes)?)
    }
}

impl<'c> openidconnect::AsyncHttpClient<'c> for Scoped {
    type Error = HttpFailure;
    type Future = Pin<Box<dyn Future<Output = Result<openidconnect::HttpResponse, HttpFailure>> + Send + 'c>>;

    fn call(&'c self, request: openidconnect::HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_allowed() {
        let table: &[(&str, bool)] = &[
            ("93.184.216.34", true),
            ("2606:2800:220:1:248:1893:25c8:1946", true),
            ("8.8.8.8", true),
            ("127.0.0.1", false),
            ("127.5.5.5", false),
            ("::1", false),
            ("0.0.0.0", false),
            ("0.1.2.3", false),
            ("::", false),
            ("10.0.0.1", false),
            ("172.16.0.1", false),
            ("172.31.255.255", false),
            ("172.32.0.1", true),
            ("192.168.1.1", false),
            ("169.254.169.254", false),
            ("169.254.0.1", false),
            ("100.64.0.1", false),
            ("100.127.255.255", false),
            ("100.128.0.1", true),
            ("224.0.0.1", false),
            ("239.255.255.250", false),
            ("255.255.255.255", false),
            ("240.0.0.1", false),
            ("fd00:ec2::254", false),
            ("fc00::1", false),
            ("fe80::1", false),
            ("ff02::1", false),
            ("::ffff:127.0.0.1", false),
            ("::ffff:169.254.169.254", false),
            ("::ffff:10.0.0.1", false),
            ("::ffff:8.8.8.8", true),
            ("::127.0.0.1", false),
            ("64:ff9b::a9fe:a9fe", false),
            ("64:ff9b::808:808", true),
            ("2002:a9fe:a9fe::1", false),
        ];
        for (text, allowed) in table {
            let ip: IpAddr = text.parse().expect("an address");
            assert_eq!(is_allowed(ip, false), *allowed, "{text}");
        }
        assert!(is_allowed("127.0.0.1".parse().expect("ip"), true), "loopback when allowed");
        assert!(is_allowed("::ffff:127.0.0.1".parse().expect("ip"), true));
        assert!(!is_allowed("169.254.169.254".parse().expect("ip"), true), "never the metadata service");
    }

    #[test]
    fn the_resolver_drops_addresses_it_may_not_connect_to() {
        use reqwest::dns::Resolve;
        use std::str::FromStr;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let name = || reqwest::dns::Name::from_str("localhost").expect("name");
        let refused = runtime.block_on(GuardedResolver { allow_loopback: false }.resolve(name()));
        assert!(refused.is_err(), "localhost resolves to loopback only");
        let allowed = runtime.block_on(GuardedResolver { allow_loopback: true }.resolve(name())).expect("resolved");
        assert!(allowed.into_iter().all(|a| a.ip().is_loopback()));
    }

    #[test]
    fn hosts_as_written() {
        let allowed = |u: &str, loopback: bool| host_allowed(&url::Url::parse(u).expect("url"), loopback);
        assert!(allowed("https://login.example.dk/realms/x", false));
        assert!(!allowed("https://10.1.2.3/", false));
        assert!(!allowed("https://[fd00:ec2::254]/", false));
        assert!(!allowed("http://169.254.169.254/latest/meta-data", true));
        assert!(!allowed("http://localhost:8080/", false));
        assert!(!allowed("http://LOCALHOST./", false));
        assert!(allowed("http://localhost:8080/", true));
        assert!(!allowed("http://127.0.0.1:4011/", false));
        assert!(allowed("http://127.0.0.1:4011/", true));
    }
}
