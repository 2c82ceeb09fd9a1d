//! The sessions of one person, read from the session store's table for their personal data
//! download. The store keeps each session as one opaque record (MessagePack of
//! tower-sessions' `Record`), with the signed-in user inside it under axum-login's key, so the
//! records are decoded here, the only place that knows the store's format.

use app::db::Db;
use app::identity::model::MySession;
use app::with_pool;
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};

/// The key under which axum-login keeps the signed-in user in a session (set explicitly on
/// the sign-in layer so that this reader and the writer cannot drift apart).
pub const AUTH_DATA_KEY: &str = "axum-login.data";
/// The session key holding when the session was last renewed (Unix milliseconds).
pub const RENEWED_AT: &str = "renewed_at";

/// The person's sessions that have not expired, oldest sign-in first. A record that cannot be
/// decoded is skipped with a warning (it belongs to nobody we could name).
pub async fn of_person(db: &Db, user_id: i64, current: Option<Id>) -> Result<Vec<MySession>, sqlx::Error> {
    let blobs: Vec<Vec<u8>> =
        with_pool!(db, pool => sqlx::query_scalar("SELECT data FROM sessions").fetch_all(pool).await)?;
    let now = OffsetDateTime::now_utc();
    let mut found: Vec<MySession> = blobs
        .iter()
        .filter_map(|blob| match rmp_serde::from_slice::<Record>(blob) {
            Ok(record) => Some(record),
            Err(error) => {
                tracing::warn!(%error, "a session record could not be read");
                None
            }
        })
        .filter(|record| record.expiry_date > now && owner(&record.data) == Some(user_id))
        .map(|record| MySession {
            signed_in_at: millis(&record.data, app::identity::auth::SIGNED_IN_AT),
            last_renewed_at: millis(&record.data, RENEWED_AT),
            expires_at: record.expiry_date.format(&Rfc3339).unwrap_or_default(),
            this_session: Some(record.id) == current,
        })
        .collect();
    found.sort_by(|a, b| a.signed_in_at.cmp(&b.signed_in_at));
    Ok(found)
}

fn owner(data: &HashMap<String, serde_json::Value>) -> Option<i64> {
    data.get(AUTH_DATA_KEY)?.get("user_id")?.as_i64()
}

fn millis(data: &HashMap<String, serde_json::Value>, key: &str) -> Option<String> {
    let ms = data.get(key)?.as_i64()?;
    let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()?;
    at.format(&Rfc3339).ok()
}
