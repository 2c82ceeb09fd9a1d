//! The OpenID Connect authorisation-code flow with PKCE, through the `openidconnect` crate.
//!
//! `start` discovers the provider (metadata cached for [`DISCOVERY_TTL`]), keeps state, nonce
//! and PKCE verifier in the session and returns the provider's authorisation URL. `finish`
//! checks the state, exchanges the code, verifies the ID token (signature, issuer, audience,
//! expiry, nonce, access-token hash) and signs the person in. Every failure is one
//! [`Failure`], logged by the caller and shown as one translated, non-revealing message.

use crate::crypto::KeyRing;
use crate::db::Db;
use crate::identity::auth::AuthSession;
use crate::identity::sso::net::{self, GuardedHttp};
use crate::identity::sso::service::{self, Claims, Refusal};
use crate::identity::sso::store::{self, ProviderRow};
use axum_login::tower_sessions::Session;
use axum_login::AuthnBackend;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long discovered provider metadata (endpoints, signing keys) is reused.
pub const DISCOVERY_TTL: Duration = Duration::from_secs(600);
/// How long a failed discovery is not tried again (per node).
pub const FAILURE_TTL: Duration = Duration::from_secs(60);
const PENDING_KEY: &str = "autoport.oidc.pending";

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// What the session remembers between the redirect to the provider and the way back.
#[derive(Serialize, Deserialize)]
struct Pending {
    municipality_id: i64,
    issuer: String,
    state: String,
    nonce: String,
    pkce_verifier: String,
}

/// Why a sign-in through a provider failed. For the log only.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("no enabled provider for this municipality")]
    NoProvider,
    #[error("the provider settings changed during sign-in")]
    ProviderChanged,
    #[error("configuration: {0}")]
    Config(String),
    #[error("discovery failed: {0}")]
    Discovery(String),
    #[error("the client secret does not open: {0}")]
    Secret(crate::crypto::CryptoError),
    #[error("session: {0}")]
    Session(String),
    #[error("no sign-in is pending in this session (expired, or another browser)")]
    NoPending,
    #[error("state does not match")]
    StateMismatch,
    #[error("the answer names another issuer")]
    IssuerMismatch,
    #[error("the provider answered with an error: {0}")]
    ProviderError(String),
    #[error("code exchange failed: {0}")]
    Exchange(String),
    #[error("ID token rejected: {0}")]
    IdToken(String),
    #[error("refused: {0}")]
    Refused(#[from] Refusal),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("signing in failed: {0}")]
    Login(String),
}

/// The callback's query string, as providers send it.
#[derive(Debug, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    /// RFC 9207: the issuer that answered, sent by providers that support it.
    pub iss: Option<String>,
}

/// The HTTP client and the discovery cache, one per process.
#[derive(Debug)]
pub struct Oidc {
    http: GuardedHttp,
    redirect_url: String,
    cache: Mutex<HashMap<String, (Instant, CoreProviderMetadata)>>,
    /// Issuers whose discovery failed lately, not tried again for [`FAILURE_TTL`]. Per node and
    /// in memory: it only limits how often a start page makes this node ask a bad provider.
    failures: Mutex<HashMap<String, Instant>>,
}

impl Oidc {
    /// `allow_loopback`: providers on this machine may be used (tests and development only;
    /// `AUTOPORT_SSO_ALLOW_LOOPBACK`).
    pub fn new(public_url: &str, allow_loopback: bool) -> Result<Oidc, String> {
        Ok(Oidc {
            http: GuardedHttp::new(allow_loopback)?,
            redirect_url: service::redirect_url(public_url),
            cache: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
        })
    }

    /// The provider's metadata: from the cache, else discovered, with every address and
    /// endpoint checked (see [`crate::identity::sso::net`]).
    pub async fn metadata(&self, issuer: &str) -> Result<CoreProviderMetadata, Failure> {
        if let Ok(cache) = self.cache.lock() {
            if let Some((at, meta)) = cache.get(issuer) {
                if at.elapsed() < DISCOVERY_TTL {
                    return Ok(meta.clone());
                }
            }
        }
        if let Ok(failures) = self.failures.lock() {
            if failures.get(issuer).is_some_and(|at| at.elapsed() < FAILURE_TTL) {
                return Err(Failure::Discovery("failed a moment ago; not tried again yet".into()));
            }
        }
        let result = self.discover(issuer).await;
        if let Ok(mut failures) = self.failures.lock() {
            failures.retain(|_, at| at.elapsed() < FAILURE_TTL);
            if result.is_err() {
                failures.insert(issuer.to_owned(), Instant::now());
            }
        }
        let meta = result?;
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(issuer.to_owned(), (Instant::now(), meta.clone()));
        }
        Ok(meta)
    }

    async fn discover(&self, issuer: &str) -> Result<CoreProviderMetadata, Failure> {
        let url = url::Url::parse(issuer).map_err(|e| Failure::Config(e.to_string()))?;
        // An address as written is refused before anything is sent; names are checked as they
        // are resolved, by the client's resolver.
        if !net::host_allowed(&url, self.http.allow_loopback()) {
            return Err(Failure::Discovery(format!("{} is not a public address", url.host_str().unwrap_or_default())));
        }
        let http = self.http.for_issuer(&url);
        let issuer_url = IssuerUrl::new(issuer.to_owned()).map_err(|e| Failure::Config(e.to_string()))?;
        let meta = CoreProviderMetadata::discover_async(issuer_url, &http)
            .await
            .map_err(|e| Failure::Discovery(error_chain(&e)))?;
        let endpoints = [Some(meta.authorization_endpoint().url()), meta.token_endpoint().map(|t| t.url())];
        if let Some(other) = endpoints.into_iter().flatten().find(|u| !http.same_host(u)) {
            return Err(Failure::Discovery(format!("endpoint {other} is not on the issuer's host")));
        }
        Ok(meta)
    }

    /// Forgets cached metadata, so that the next attempt discovers afresh (e.g. after the
    /// provider rotated its keys).
    fn forget(&self, issuer: &str) {
        if let Ok(mut cache) = self.cache.lock() {
            cache.remove(issuer);
        }
    }

    async fn client(&self, keys: &KeyRing, provider: &ProviderRow) -> Result<Client, Failure> {
        let meta = self.metadata(&provider.issuer).await?;
        let secret = match &provider.client_secret {
            Some(sealed) => Some(ClientSecret::new(
                keys.open(&store::secret_context(provider.municipality_id), sealed).map_err(Failure::Secret)?,
            )),
            None => None,
        };
        let redirect = RedirectUrl::new(self.redirect_url.clone()).map_err(|e| Failure::Config(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(meta, ClientId::new(provider.client_id.clone()), secret)
            .set_redirect_uri(redirect))
    }

    /// Begins a sign-in with the provider of the municipality with this code; returns the URL
    /// to send the browser to.
    pub async fn start(&self, db: &Db, keys: &KeyRing, session: &Session, code: &str) -> Result<String, Failure> {
        let provider = store::enabled_provider(db, code).await?.ok_or(Failure::NoProvider)?;
        let client = self.client(keys, &provider).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .add_scope(Scope::new("email".to_owned()))
            .add_scope(Scope::new("profile".to_owned()))
            .set_pkce_challenge(challenge);
        if provider.groups_claim.is_some() {
            // Keycloak- and oidc-provider-style providers release `groups` under this scope;
            // others ignore unknown scopes or map groups without one.
            request = request.add_scope(Scope::new("groups".to_owned()));
        }
        let (url, state, nonce) = request.url();
        let pending = Pending {
            municipality_id: provider.municipality_id,
            issuer: provider.issuer.clone(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        };
        session.insert(PENDING_KEY, pending).await.map_err(|e| Failure::Session(e.to_string()))?;
        Ok(url.to_string())
    }

    /// Completes a sign-in: the pending attempt is used up whatever the outcome.
    pub async fn finish(
        &self,
        db: &Db,
        keys: &KeyRing,
        auth: &mut AuthSession,
        callback: Callback,
    ) -> Result<i64, Failure> {
        let pending: Pending = auth
            .session
            .remove(PENDING_KEY)
            .await
            .map_err(|e| Failure::Session(e.to_string()))?
            .ok_or(Failure::NoPending)?;
        let state = callback.state.unwrap_or_default();
        if !constant_time_eq(state.as_bytes(), pending.state.as_bytes()) {
            return Err(Failure::StateMismatch);
        }
        // RFC 9207: an answer from another issuer than the one we sent the person to (mix-up).
        if callback.iss.as_ref().is_some_and(|iss| *iss != pending.issuer) {
            return Err(Failure::IssuerMismatch);
        }
        if let Some(error) = callback.error {
            return Err(Failure::ProviderError(error.chars().take(100).collect()));
        }
        let code = callback.code.filter(|c| !c.is_empty()).ok_or(Failure::ProviderError("no code".into()))?;
        let provider = store::provider(db, pending.municipality_id).await?.ok_or(Failure::NoProvider)?;
        if !provider.enabled || provider.issuer != pending.issuer {
            return Err(Failure::ProviderChanged);
        }
        let claims = match self.exchange(keys, &provider, code, &pending).await {
            Err(Failure::IdToken(e)) => {
                // Perhaps the provider rotated its signing keys: discover afresh next time.
                self.forget(&provider.issuer);
                return Err(Failure::IdToken(e));
            }
            other => other?,
        };
        let user_id = service::user_for_claims(db, &provider, &claims).await?;
        let user = auth
            .backend
            .get_user(&user_id)
            .await
            .map_err(|_| Failure::Login("loading the user failed".into()))?
            .ok_or(Failure::Login("the user vanished".into()))?;
        crate::identity::auth::start_session(auth, &user).await.map_err(|e| Failure::Login(e.to_string()))?;
        Ok(user_id)
    }

    async fn exchange(
        &self,
        keys: &KeyRing,
        provider: &ProviderRow,
        code: String,
        pending: &Pending,
    ) -> Result<Claims, Failure> {
        let client = self.client(keys, provider).await?;
        let issuer = url::Url::parse(&provider.issuer).map_err(|e| Failure::Config(e.to_string()))?;
        let http = self.http.for_issuer(&issuer);
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| Failure::Config(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&http)
            .await
            .map_err(|e| Failure::Exchange(error_chain(&e)))?;
        let id_token = response.id_token().ok_or(Failure::IdToken("no ID token in the response".into()))?;
        let verifier = client.id_token_verifier();
        let nonce = Nonce::new(pending.nonce.clone());
        let claims = id_token.claims(&verifier, &nonce).map_err(|e| Failure::IdToken(e.to_string()))?;
        if let Some(expected) = claims.access_token_hash() {
            let alg = id_token.signing_alg().map_err(|e| Failure::IdToken(e.to_string()))?;
            let key = id_token.signing_key(&verifier).map_err(|e| Failure::IdToken(e.to_string()))?;
            let actual = AccessTokenHash::from_token(response.access_token(), alg, key)
                .map_err(|e| Failure::IdToken(e.to_string()))?;
            if actual != *expected {
                return Err(Failure::IdToken("access-token hash does not match".into()));
            }
        }
        let groups = match &provider.groups_claim {
            Some(name) => groups_from(&id_token.to_string(), name),
            None => Vec::new(),
        };
        Ok(Claims {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            email: claims.email().map(|e| e.to_string()),
            email_verified: claims.email_verified(),
            name: claims.name().and_then(|n| n.get(None)).map(|n| n.to_string()),
            groups,
        })
    }
}

/// The groups claim of an ID token whose signature was already verified. The crate's core
/// claims type knows no custom claims, so this one is read from the verified payload.
fn groups_from(jwt: &str, claim: &str) -> Vec<String> {
    let payload = jwt.split('.').nth(1).and_then(|p| URL_SAFE_NO_PAD.decode(p).ok());
    let value: Option<serde_json::Value> = payload.and_then(|p| serde_json::from_slice(&p).ok());
    match value.as_ref().and_then(|v| v.get(claim)) {
        Some(serde_json::Value::Array(items)) => {
            items.iter().filter_map(|i| i.as_str()).map(str::to_owned).take(500).collect()
        }
        Some(serde_json::Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// An error with its sources, for the log.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_come_from_the_named_claim() {
        let payload = URL_SAFE_NO_PAD.encode(br#"{"sub":"1","groups":["a","b"],"role":"x"}"#);
        let jwt = format!("h.{payload}.s");
        assert_eq!(groups_from(&jwt, "groups"), vec!["a", "b"]);
        assert_eq!(groups_from(&jwt, "role"), vec!["x"]);
        assert!(groups_from(&jwt, "missing").is_empty());
        assert!(groups_from("garbage", "groups").is_empty());
    }

    #[test]
    fn state_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
