//! API tokens in the database. Only the SHA-256 of a token is stored (see `service`).

use crate::db::Db;
use crate::with_pool;
use time::OffsetDateTime;

/// A token as listed to its owner.
#[derive(Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub scope: String,
    pub created_at: OffsetDateTime,
    pub expires_at: Option<OffsetDateTime>,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// What a request's token resolves to: enough to decide whether it still opens the API.
#[derive(Debug, sqlx::FromRow)]
pub struct PresentedRow {
    pub id: i64,
    pub user_id: i64,
    pub scope: String,
    pub expires_at: Option<OffsetDateTime>,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
    /// The owner's erasure ("former employee"): their tokens open nothing.
    pub erased_at: Option<OffsetDateTime>,
}

pub struct NewTokenRow<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub prefix: &'a str,
    pub scope: &'a str,
    pub created_at: OffsetDateTime,
    pub expires_at: Option<OffsetDateTime>,
}

const INSERT: &str = "INSERT INTO api_tokens (user_id, name, token_hash, prefix, scope, created_at, expires_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
const OF_USER: &str = "SELECT id, name, prefix, scope, created_at, expires_at, last_used_at, revoked_at \
     FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC";
const OWNER: &str = "SELECT user_id FROM api_tokens WHERE id = $1";
const REVOKE: &str = "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL";
const BY_HASH: &str = "SELECT t.id, t.user_id, t.scope, t.expires_at, t.last_used_at, t.revoked_at, u.erased_at \
     FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1";
// The condition keeps nodes that resolve the same token at the same moment from all writing.
const TOUCH: &str =
    "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)";

pub async fn insert(db: &Db, row: &NewTokenRow<'_>) -> Result<i64, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(INSERT)
        .bind(row.user_id).bind(row.name).bind(row.token_hash).bind(row.prefix).bind(row.scope)
        .bind(row.created_at).bind(row.expires_at)
        .fetch_one(pool).await)
}

/// Every token of one person, newest first, revoked and expired ones included.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<TokenRow>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_as::<_, TokenRow>(OF_USER).bind(user_id).fetch_all(pool).await)
}

/// Who owns the token, or `None` when there is no such token.
pub async fn owner(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(OWNER).bind(id).fetch_optional(pool).await)
}

/// Marks the token revoked; a token revoked before keeps its first revocation time.
pub async fn revoke(db: &Db, id: i64, at: OffsetDateTime) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(REVOKE).bind(at).bind(id).execute(pool).await.map(|_| ()))
}

pub async fn by_hash(db: &Db, token_hash: &str) -> Result<Option<PresentedRow>, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_as::<_, PresentedRow>(BY_HASH).bind(token_hash).fetch_optional(pool).await)
}

/// Records a use at `now` unless one was recorded since `stale_before`.
pub async fn touch(db: &Db, id: i64, now: OffsetDateTime, stale_before: OffsetDateTime) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(TOUCH).bind(now).bind(id).bind(stale_before).execute(pool).await.map(|_| ()))
}
