//! Single sign-on types shared by server and browser. The client secret never appears here:
//! the browser only learns whether one is stored.

use serde::{Deserialize, Serialize};

/// A "Sign in with …" link on the login page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SsoLink {
    pub code: String,
    pub municipality: String,
}

/// The admin page's view of its municipality's provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SsoSettings {
    pub municipality: String,
    pub issuer: String,
    pub client_id: String,
    pub has_secret: bool,
    pub groups_claim: String,
    pub role_mapping: String,
    pub enabled: bool,
    /// What to register at the provider as redirect URL.
    pub redirect_url: String,
}

/// What the admin form posts. `client_secret` blank keeps the stored one; `enabled` is
/// present only when the box is ticked (plain HTML form semantics).
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct SsoForm {
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: String,
    #[serde(default)]
    pub groups_claim: String,
    #[serde(default)]
    pub role_mapping: String,
    #[serde(default)]
    pub enabled: Option<String>,
}

impl std::fmt::Debug for SsoForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoForm")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("groups_claim", &self.groups_claim)
            .field("role_mapping", &self.role_mapping)
            .field("enabled", &self.enabled)
            .finish()
    }
}
