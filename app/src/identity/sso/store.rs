//! Providers and provider identities in the database.

use crate::db::Db;
use crate::identity::model::Role;
use crate::identity::sso::model::SsoLink;
use crate::with_pool;
use time::OffsetDateTime;

/// Where a client secret is sealed: its crypto context.
pub fn secret_context(municipality_id: i64) -> String {
    crate::crypto::context("oidc_providers", "client_secret", municipality_id)
}

/// One municipality's provider as stored; the secret still sealed.
#[derive(Clone, sqlx::FromRow)]
pub struct ProviderRow {
    pub municipality_id: i64,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub groups_claim: Option<String>,
    pub role_mapping: String,
    pub enabled: bool,
}

impl std::fmt::Debug for ProviderRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderRow")
            .field("municipality_id", &self.municipality_id)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

const BY_MUNICIPALITY: &str = "SELECT p.municipality_id, p.issuer, p.client_id, p.client_secret, p.groups_claim, \
     p.role_mapping, p.enabled FROM oidc_providers p WHERE p.municipality_id = $1";
const ENABLED_BY_CODE: &str = "SELECT p.municipality_id, p.issuer, p.client_id, p.client_secret, p.groups_claim, \
     p.role_mapping, p.enabled FROM oidc_providers p JOIN municipalities m ON m.id = p.municipality_id \
     WHERE m.code = $1 AND p.enabled";
const ENABLED_LINKS: &str =
    "SELECT m.code, m.name FROM oidc_providers p JOIN municipalities m ON m.id = p.municipality_id \
     WHERE p.enabled ORDER BY m.name";
const MUNICIPALITY_NAME: &str = "SELECT name FROM municipalities WHERE id = $1";
const UPSERT: &str = "INSERT INTO oidc_providers (municipality_id, issuer, client_id, client_secret, groups_claim, \
       role_mapping, enabled, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (municipality_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id, \
       client_secret = COALESCE(excluded.client_secret, oidc_providers.client_secret), \
       groups_claim = excluded.groups_claim, role_mapping = excluded.role_mapping, enabled = excluded.enabled, \
       updated_at = excluded.updated_at";
const SEALED_SECRETS: &str =
    "SELECT municipality_id, client_secret FROM oidc_providers WHERE client_secret IS NOT NULL ORDER BY municipality_id";
const SET_SECRET: &str = "UPDATE oidc_providers SET client_secret = $1 WHERE municipality_id = $2";

pub async fn provider(db: &Db, municipality_id: i64) -> Result<Option<ProviderRow>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_as::<_, ProviderRow>(BY_MUNICIPALITY).bind(municipality_id)
        .fetch_optional(pool).await)
}

/// The enabled provider of the municipality with this code.
pub async fn enabled_provider(db: &Db, code: &str) -> Result<Option<ProviderRow>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_as::<_, ProviderRow>(ENABLED_BY_CODE).bind(code).fetch_optional(pool).await)
}

pub async fn enabled_links(db: &Db) -> Result<Vec<SsoLink>, sqlx::Error> {
    let rows: Vec<(String, String)> = with_pool!(db, pool => sqlx::query_as(ENABLED_LINKS).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|(code, municipality)| SsoLink { code, municipality }).collect())
}

pub async fn municipality_name(db: &Db, municipality_id: i64) -> Result<Option<String>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar(MUNICIPALITY_NAME).bind(municipality_id).fetch_optional(pool).await)
}

/// Saves a provider; `client_secret: None` keeps the stored secret.
pub async fn save_provider(db: &Db, row: &ProviderRow, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(UPSERT)
        .bind(row.municipality_id).bind(&row.issuer).bind(&row.client_id).bind(&row.client_secret)
        .bind(&row.groups_claim).bind(&row.role_mapping).bind(row.enabled).bind(now)
        .execute(pool).await.map(|_| ()))
}

/// How many sealed values the database holds (start refuses to run without a key then).
pub async fn count_sealed(db: &Db) -> Result<i64, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM oidc_providers WHERE client_secret IS NOT NULL")
        .fetch_one(pool).await)
}

/// Counts of a re-encryption run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Resealed {
    pub resealed: usize,
    pub already_current: usize,
}

/// Re-seals every client secret with the current key, in one transaction: either all values
/// move to the current key or none does.
pub async fn reseal_secrets(db: &Db, keys: &crate::crypto::KeyRing) -> Result<Resealed, ResealError> {
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let rows: Vec<(i64, String)> = sqlx::query_as(SEALED_SECRETS).fetch_all(&mut *tx).await?;
        let mut counts = Resealed::default();
        for (municipality_id, sealed) in rows {
            if keys.is_current(&sealed) {
                counts.already_current += 1;
                continue;
            }
            let context = secret_context(municipality_id);
            let plain = keys.open(&context, &sealed)
                .map_err(|e| ResealError::Crypto { place: context.clone(), error: e })?;
            let fresh = keys.seal(&context, &plain).map_err(|e| ResealError::Crypto { place: context, error: e })?;
            sqlx::query(SET_SECRET).bind(fresh).bind(municipality_id).execute(&mut *tx).await?;
            counts.resealed += 1;
        }
        tx.commit().await?;
        Ok(counts)
    })
}

#[derive(Debug, thiserror::Error)]
pub enum ResealError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{place}: {error}")]
    Crypto { place: String, error: crate::crypto::CryptoError },
}

// ---- users with a provider identity

#[derive(Debug, sqlx::FromRow)]
pub struct LinkRow {
    pub id: i64,
    pub municipality_id: i64,
    pub oidc_issuer: Option<String>,
}

const BY_IDENTITY: &str =
    "SELECT id, municipality_id, oidc_issuer FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2";
const BY_EMAIL: &str = "SELECT id, municipality_id, oidc_issuer FROM users WHERE email = $1";
const LINK: &str = "UPDATE users SET oidc_issuer = $1, oidc_subject = $2 WHERE id = $3 AND oidc_issuer IS NULL";
const CREATE: &str = "INSERT INTO users (municipality_id, email, display_name, password_hash, created_at, \
       oidc_issuer, oidc_subject) VALUES ($1, $2, $3, NULL, $4, $5, $6) RETURNING id";
const ADD_ROLE: &str = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING";

pub async fn user_by_identity(db: &Db, issuer: &str, subject: &str) -> Result<Option<LinkRow>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_as::<_, LinkRow>(BY_IDENTITY).bind(issuer).bind(subject)
        .fetch_optional(pool).await)
}

pub async fn user_by_email(db: &Db, email: &str) -> Result<Option<LinkRow>, sqlx::Error> {
    let email = crate::identity::store::normalise_email(email);
    with_pool!(db, pool => sqlx::query_as::<_, LinkRow>(BY_EMAIL).bind(&email).fetch_optional(pool).await)
}

/// Links a local account to a provider identity; false when it was linked meanwhile.
pub async fn link(db: &Db, user_id: i64, issuer: &str, subject: &str) -> Result<bool, sqlx::Error> {
    let done = with_pool!(db, pool => sqlx::query(LINK).bind(issuer).bind(subject).bind(user_id)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub struct NewUser<'a> {
    pub municipality_id: i64,
    pub email: &'a str,
    pub display_name: &'a str,
    pub issuer: &'a str,
    pub subject: &'a str,
}

/// Creates a single-sign-on user (no password) with roles, in one transaction.
pub async fn create_user(db: &Db, user: &NewUser<'_>, roles: &[Role], now: OffsetDateTime) -> Result<i64, sqlx::Error> {
    let email = crate::identity::store::normalise_email(user.email);
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(CREATE).bind(user.municipality_id).bind(&email).bind(user.display_name)
            .bind(now).bind(user.issuer).bind(user.subject).fetch_one(&mut *tx).await?;
        for role in roles {
            sqlx::query(ADD_ROLE).bind(id).bind(role.as_str()).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(id)
    })
}

/// Adds roles the user lacks; never removes any.
pub async fn add_roles(db: &Db, user_id: i64, roles: &[Role]) -> Result<(), sqlx::Error> {
    for role in roles {
        with_pool!(db, pool => sqlx::query(ADD_ROLE).bind(user_id).bind(role.as_str()).execute(pool).await.map(|_| ()))?;
    }
    Ok(())
}
