//! API token types shared by server and browser. The token text appears only in [`NewToken`],
//! the answer to its creation; lists show its first characters.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub const NAME_MAX: u32 = 100;
pub const EXPIRY_DAYS_MAX: i64 = 365;

string_enum!(
    /// What requests made with a token may do: `read` only reads, `write` also changes. Either
    /// way no more than the token's owner may do.
    TokenScope { Read = "read", Write = "write" }
);

string_enum!(
    /// Whether a token still opens the API, as of the moment the list was made.
    TokenState { Active = "active", Expired = "expired", Revoked = "revoked" }
);

/// One row of a person's token list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSummary {
    pub id: i64,
    pub name: String,
    /// The token's first characters, e.g. `apt_x3Fq9Z`.
    pub prefix: String,
    pub scope: TokenScope,
    pub state: TokenState,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

/// A token just created: the only time its text leaves the server.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    pub id: i64,
    pub name: String,
    pub scope: TokenScope,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    /// `apt_` and 43 base64url characters (32 random bytes).
    pub token: String,
}

impl std::fmt::Debug for NewToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewToken")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("scope", &self.scope)
            .field("expires_at", &self.expires_at)
            .field("token", &"[redacted]")
            .finish()
    }
}

/// The creation form as typed. The expiry arrives as text so that "ten" becomes a field
/// message, not an undecodable request; blank means the token does not expire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenForm {
    pub name: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub expires_in_days: String,
}

impl TokenScope {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::identity::texts::texts(locale);
        match self {
            TokenScope::Read => t.token_scope_read,
            TokenScope::Write => t.token_scope_write,
        }
    }

    /// What choosing it means, in `locale`.
    pub fn help(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::identity::texts::texts(locale);
        match self {
            TokenScope::Read => t.token_scope_read_help,
            TokenScope::Write => t.token_scope_write_help,
        }
    }
}

impl TokenState {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::identity::texts::texts(locale);
        match self {
            TokenState::Active => t.token_state_active,
            TokenState::Expired => t.token_state_expired,
            TokenState::Revoked => t.token_state_revoked,
        }
    }
}
