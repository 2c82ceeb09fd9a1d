//! Local sign-in with argon2 password hashes, through axum-login. Sessions live in the
//! database (tower-sessions' sqlx store), so any node can serve any request.

use crate::common::error::AppError;
use crate::db::Db;
use crate::identity::model::{Actor, CurrentUser};
use crate::identity::store;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum_login::{AuthUser, AuthnBackend, UserId};
use blake2::{Blake2s256, Digest};
use serde::Deserialize;

/// The person behind a session, reloaded from the database on every request so that role
/// changes apply at once.
#[derive(Clone)]
pub struct SessionUser {
    pub actor: Actor,
    pub current: CurrentUser,
    /// Digest of the password hash and the session generation: changing the password, or an
    /// admin raising the generation (roles taken away), ends every other session.
    auth_hash: Vec<u8>,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser").field("actor", &self.actor).field("auth_hash", &"[redacted]").finish()
    }
}

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.actor.user_id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

#[derive(Clone, Deserialize)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("email", &self.email).field("password", &"[redacted]").finish()
    }
}

#[derive(Clone, Debug)]
pub struct Backend {
    db: Db,
}

impl Backend {
    pub fn new(db: Db) -> Self {
        Backend { db }
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;

/// The session key holding when its person signed in (Unix milliseconds): the server ends a
/// session a fixed time after it (`AUTOPORT_SESSION_MAX_DAYS`), however busy.
pub const SIGNED_IN_AT: &str = "signed_in_at";

/// Signs `user` in on a fresh session id and dates the session, for its absolute lifetime.
pub async fn start_session(auth: &mut AuthSession, user: &SessionUser) -> Result<(), axum_login::Error<Backend>> {
    auth.login(user).await?;
    let now_ms = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
    auth.session.insert(SIGNED_IN_AT, now_ms).await.map_err(axum_login::Error::Session)
}

fn digest(password_hash: Option<&str>, session_generation: i64) -> Vec<u8> {
    let mut hasher = Blake2s256::new();
    hasher.update(password_hash.unwrap_or_default().as_bytes());
    hasher.update(session_generation.to_le_bytes());
    hasher.finalize().to_vec()
}

/// An argon2id hash (PHC string) with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Verifies off the async threads; argon2 is deliberately slow. An unknown user is checked
/// against a dummy hash so that timing does not tell which e-mail addresses exist.
async fn verify(password: String, stored: Option<String>) -> bool {
    // A real hash of a password nobody has, made once per process.
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash_password("no user has this password").unwrap_or_default());
    let result = tokio::task::spawn_blocking(move || {
        let (hash, real) = match stored {
            Some(h) => (h, true),
            None => (DUMMY.clone(), false),
        };
        let ok = PasswordHash::new(&hash)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        ok && real
    })
    .await;
    result.unwrap_or(false)
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AppError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<SessionUser>, AppError> {
        let login = store::find_login(&self.db, &creds.email).await?;
        let (id, hash) = match login {
            Some(row) => (Some(row.id), row.password_hash),
            None => (None, None),
        };
        if !verify(creds.password, hash).await {
            return Ok(None);
        }
        match id {
            Some(id) => self.get_user(&id).await,
            None => Ok(None),
        }
    }

    async fn get_user(&self, user_id: &UserId<Self>) -> Result<Option<SessionUser>, AppError> {
        let user = store::load_user(&self.db, *user_id).await?;
        Ok(user.map(|u| SessionUser {
            auth_hash: digest(u.password_hash.as_deref(), u.session_generation),
            actor: u.actor,
            current: u.current,
        }))
    }
}
