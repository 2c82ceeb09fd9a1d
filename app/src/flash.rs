//! A value handed across the redirect of a form posted without JavaScript ("flash").
//!
//! Without JavaScript the browser follows the server function's redirect, so the answer that
//! carried a result (a new API token, an import report) never reaches the page. Results must
//! not travel in the URL (browser history, proxy and server logs, `Referer`), so they wait in the
//! person's session, and the next rendering of the page takes them out: shown once, then gone.
//! A value is bound to the person who caused it, ignored once it is older than [`LIFETIME`],
//! and removed with the session data at sign-out.

use crate::common::error::{AppError, AppResult};
use axum_login::tower_sessions::Session;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// Long enough for a slow redirect, short enough that a forgotten value does not linger.
pub const LIFETIME: Duration = Duration::minutes(10);

#[derive(Serialize, Deserialize)]
struct Flashed<T> {
    user_id: i64,
    /// Unix seconds when it was put.
    at: i64,
    value: T,
}

fn session_failed(error: axum_login::tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Internal
}

/// Keeps `value` under `key` for the next [`take`] by the same person.
pub async fn put<T: Serialize>(
    session: &Session,
    key: &str,
    user_id: i64,
    value: T,
    now: OffsetDateTime,
) -> AppResult<()> {
    let flashed = Flashed { user_id, at: now.unix_timestamp(), value };
    session.insert(key, flashed).await.map_err(session_failed)
}

/// Removes the value under `key` and returns it when it belongs to `user_id` and is fresh.
pub async fn take<T: DeserializeOwned>(
    session: &Session,
    key: &str,
    user_id: i64,
    now: OffsetDateTime,
) -> AppResult<Option<T>> {
    let flashed = session.remove::<Flashed<T>>(key).await.map_err(session_failed)?;
    Ok(flashed
        .filter(|f| f.user_id == user_id && now.unix_timestamp() - f.at <= LIFETIME.whole_seconds())
        .map(|f| f.value))
}
