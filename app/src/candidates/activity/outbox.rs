//! The e-mail outbox over the `notifications` table. A node claims a batch in one atomic
//! statement, so several nodes on one database never mail the same row twice; before sending
//! it asks again whether the recipient may still read about the candidate. The server's mail
//! task drives it (`server::mail`); the SMTP part lives there.

use crate::candidates::activity::mail::{compose, MailText};
use crate::candidates::model::{Notification, NotificationKind};
use crate::common::error::{AppError, AppResult};
use crate::common::locale::Locale;
use crate::db::Db;
use crate::identity::model::PersonRef;
use crate::identity::policy::CandidateScope;
use crate::with_pool;
use time::{Duration, OffsetDateTime};

/// The rules of claiming.
#[derive(Clone, Copy, Debug)]
pub struct ClaimRules {
    /// Rows per claim: bounds one tick's work and the mails a node holds when it dies.
    pub batch: i64,
    /// A claim older than this is taken to be from a node that died mid-send (or a failed
    /// send) and may be claimed again.
    pub stale_after: Duration,
    /// Claims per row before the outbox gives up on it.
    pub max_attempts: i32,
    /// Older notifications are not mailed: news from yesterday is in the app, and switching
    /// SMTP on later must not flood people with the past.
    pub max_age: Duration,
}

impl Default for ClaimRules {
    fn default() -> Self {
        ClaimRules { batch: 50, stale_after: Duration::minutes(10), max_attempts: 5, max_age: Duration::hours(24) }
    }
}

/// `$1` now, `$2` claims before this are stale, `$3` only rows created after this, `$4` the
/// attempt bound, `$5` the batch size. PostgreSQL: the inner SELECT locks what it picks and
/// skips what another node has locked; a row another node claimed meanwhile fails the re-checked
/// condition.
const CLAIM_POSTGRES: &str = "UPDATE notifications SET email_claimed_at = $1, email_attempts = email_attempts + 1 \
     WHERE id IN (SELECT id FROM notifications \
                  WHERE emailed_at IS NULL AND email_outcome IS NULL AND email_attempts < $4 AND created_at > $3 \
                    AND (email_claimed_at IS NULL OR email_claimed_at < $2) \
                  ORDER BY id LIMIT $5 FOR UPDATE SKIP LOCKED) \
     RETURNING id, user_id";
/// SQLite runs one writing statement at a time, so the same UPDATE without row locks is atomic.
const CLAIM_SQLITE: &str = "UPDATE notifications SET email_claimed_at = $1, email_attempts = email_attempts + 1 \
     WHERE id IN (SELECT id FROM notifications \
                  WHERE emailed_at IS NULL AND email_outcome IS NULL AND email_attempts < $4 AND created_at > $3 \
                    AND (email_claimed_at IS NULL OR email_claimed_at < $2) \
                  ORDER BY id LIMIT $5) \
     RETURNING id, user_id";

const RECIPIENT: &str =
    "SELECT email, language, email_notifications, erased_at IS NOT NULL AS erased FROM users WHERE id = $1";

/// The notification as the recipient may see it, or nothing when they may no longer read the
/// candidate: the in-app list's query and visibility filter, for one row.
const EVENT: &str = concat!(
    "SELECT n.id, n.candidate_id, c.title, n.kind, n.detail, n.created_at, u.display_name, \
            CASE WHEN u.id IS NULL THEN 'system' WHEN u.erased_at IS NOT NULL THEN 'erased' \
                 WHEN u.municipality_id = $2 THEN 'named' ELSE 'withheld' END AS actor_kind \
     FROM notifications n JOIN candidates c ON c.id = n.candidate_id LEFT JOIN users u ON u.id = n.actor_id \
     WHERE n.id = $6 AND n.user_id = $3 AND ",
    visible_to_scope!()
);

/// Only the claimer's own claim is finished: a node that lost its claim to staleness (and
/// another node) must not mark the other node's work.
const SENT: &str = "UPDATE notifications SET emailed_at = $3 WHERE id = $1 AND email_claimed_at = $2";
const DONE_WITHOUT_MAIL: &str = "UPDATE notifications SET email_outcome = $3 WHERE id = $1 AND email_claimed_at = $2";
/// A failed send keeps its claim, so it is retried when the claim goes stale; after the last
/// attempt the row is marked given up.
const FAILED: &str =
    "UPDATE notifications SET email_outcome = 'gave_up' WHERE id = $1 AND email_claimed_at = $2 AND email_attempts >= $3";

/// Rows claimed together, and the claim's time: the token that finishing a row checks.
#[derive(Debug)]
pub struct Batch {
    pub claimed_at: OffsetDateTime,
    pub rows: Vec<Claimed>,
}

/// One claimed row: which notification, for whom.
#[derive(Clone, Copy, Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub user_id: i64,
}

#[derive(sqlx::FromRow)]
struct RecipientRow {
    email: String,
    language: Option<String>,
    email_notifications: bool,
    erased: bool,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    candidate_id: i64,
    title: String,
    kind: String,
    detail: Option<String>,
    created_at: OffsetDateTime,
    display_name: Option<String>,
    actor_kind: String,
}

/// What to do with a claimed row.
#[derive(Debug)]
pub enum Prepared {
    Send {
        to: String,
        mail: MailText,
    },
    /// Done without a mail, for this reason (stored in `email_outcome`).
    Skip(&'static str),
}

/// Claims up to `rules.batch` rows at `now`.
pub async fn claim(db: &Db, rules: &ClaimRules, now: OffsetDateTime) -> AppResult<Batch> {
    // PostgreSQL keeps microseconds; the token must compare equal to what was stored.
    let now = now.replace_nanosecond(now.nanosecond() / 1_000 * 1_000).unwrap_or(now);
    let stale = now - rules.stale_after;
    let oldest = now - rules.max_age;
    let rows = match db {
        Db::Postgres(pool) => {
            sqlx::query_as::<_, Claimed>(CLAIM_POSTGRES)
                .bind(now)
                .bind(stale)
                .bind(oldest)
                .bind(rules.max_attempts)
                .bind(rules.batch)
                .fetch_all(pool)
                .await?
        }
        Db::Sqlite(pool) => {
            sqlx::query_as::<_, Claimed>(CLAIM_SQLITE)
                .bind(now)
                .bind(stale)
                .bind(oldest)
                .bind(rules.max_attempts)
                .bind(rules.batch)
                .fetch_all(pool)
                .await?
        }
    };
    Ok(Batch { claimed_at: now, rows })
}

/// Decides, at sending time, whether and what to mail: the person may have opted out, been
/// erased or lost sight of the candidate since the notification was written.
pub async fn prepare(db: &Db, claimed: Claimed, public_url: &str) -> AppResult<Prepared> {
    let recipient = with_pool!(db, pool => sqlx::query_as::<_, RecipientRow>(RECIPIENT)
        .bind(claimed.user_id).fetch_optional(pool).await)?;
    let Some(recipient) = recipient else { return Ok(Prepared::Skip("erased")) };
    if recipient.erased {
        return Ok(Prepared::Skip("erased"));
    }
    if !recipient.email_notifications {
        return Ok(Prepared::Skip("opted_out"));
    }
    // Roles and department limits as they are now, read like at sign-in.
    let Some(user) = crate::identity::store::load_user(db, claimed.user_id).await? else {
        return Ok(Prepared::Skip("erased"));
    };
    let scope = CandidateScope::of(Some(&user.actor));
    let row = with_pool!(db, pool => sqlx::query_as::<_, EventRow>(EVENT)
        .bind(scope.signed_in)
        .bind(scope.municipality_id)
        .bind(scope.user_id)
        .bind(scope.sees_all_private)
        .bind(scope.sees_scoped_private)
        .bind(claimed.id)
        .fetch_optional(pool)
        .await)?;
    let Some(row) = row else { return Ok(Prepared::Skip("not_visible")) };
    let kind = NotificationKind::parse(&row.kind).ok_or_else(|| {
        tracing::error!(value = row.kind, "unknown notification kind stored in the database");
        AppError::Internal
    })?;
    let actor = match (row.actor_kind.as_str(), row.display_name) {
        ("named", Some(name)) => PersonRef::Named(name),
        ("erased", _) => PersonRef::FormerEmployee,
        _ => PersonRef::Withheld,
    };
    let notification = Notification {
        id: row.id,
        candidate_id: row.candidate_id,
        candidate_title: row.title,
        kind,
        actor,
        detail: row.detail,
        at: row.created_at,
        unread: true,
    };
    let locale = recipient.language.as_deref().and_then(Locale::from_code).unwrap_or_default();
    Ok(Prepared::Send { to: recipient.email, mail: compose(locale, &notification, public_url) })
}

/// Records that the mail went out.
pub async fn mark_sent(db: &Db, id: i64, claimed_at: OffsetDateTime, now: OffsetDateTime) -> AppResult<()> {
    with_pool!(db, pool => sqlx::query(SENT).bind(id).bind(claimed_at).bind(now).execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// Records that this row needs no mail, and why.
pub async fn mark_skipped(db: &Db, id: i64, claimed_at: OffsetDateTime, why: &'static str) -> AppResult<()> {
    with_pool!(db, pool => sqlx::query(DONE_WITHOUT_MAIL).bind(id).bind(claimed_at).bind(why)
        .execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// Leaves a failed row for a retry once its claim is stale, or gives up after the last attempt.
pub async fn mark_failed(db: &Db, id: i64, claimed_at: OffsetDateTime, rules: &ClaimRules) -> AppResult<()> {
    with_pool!(db, pool => sqlx::query(FAILED).bind(id).bind(claimed_at).bind(rules.max_attempts)
        .execute(pool).await.map(|_| ()))?;
    Ok(())
}

const WANTS_MAIL: &str = "SELECT email_notifications FROM users WHERE id = $1 AND erased_at IS NULL";
const SET_WANTS_MAIL: &str = "UPDATE users SET email_notifications = $2 WHERE id = $1 AND erased_at IS NULL";

/// Whether the person wants e-mail about what they follow; `None` for an unknown or erased one.
pub async fn wants_mail(db: &Db, user_id: i64) -> AppResult<Option<bool>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar::<_, bool>(WANTS_MAIL).bind(user_id).fetch_optional(pool).await)?)
}

pub async fn set_wants_mail(db: &Db, user_id: i64, wanted: bool) -> AppResult<()> {
    with_pool!(db, pool => sqlx::query(SET_WANTS_MAIL).bind(user_id).bind(wanted).execute(pool).await.map(|_| ()))?;
    Ok(())
}
