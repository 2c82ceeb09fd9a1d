//! What happens around a candidate, in the database: its phase stays, the append-only audit
//! trail, comments, followers and their notifications. Every write that changes a candidate
//! writes its audit events and notifications in the same transaction.

use crate::candidates::lifecycle::{Standing, Transition};
use crate::candidates::model::{Comment, HistoryEvent, Notification, NotificationKind, Phase, Status, Visibility};
use crate::candidates::store::known;
use crate::common::error::{AppError, AppResult};
use crate::db::Db;
use crate::identity::model::PersonRef;
use crate::identity::policy::{CandidateAccess, CandidateScope};
use crate::with_pool;
use time::OffsetDateTime;

pub(crate) const ENTER_PHASE: &str =
    "INSERT INTO candidate_phases (candidate_id, phase, entered_at) VALUES ($1, $2, $3)";
const LEAVE_PHASE: &str = "UPDATE candidate_phases SET left_at = $2 WHERE candidate_id = $1 AND left_at IS NULL";
pub(crate) const AUDIT: &str = "INSERT INTO audit_events (candidate_id, actor_id, at, field, old_value, new_value) \
     VALUES ($1, $2, $3, $4, $5, $6)";
pub(crate) const FOLLOW: &str = "INSERT INTO follows (user_id, candidate_id, created_at) VALUES ($1, $2, $3) \
     ON CONFLICT (user_id, candidate_id) DO NOTHING";
const UNFOLLOW: &str = "DELETE FROM follows WHERE user_id = $1 AND candidate_id = $2";
const IS_FOLLOWING: &str = "SELECT COUNT(*) FROM follows WHERE user_id = $1 AND candidate_id = $2";
const FOLLOWERS: &str = "SELECT COUNT(*) FROM follows WHERE candidate_id = $1";
/// One notification for every follower but the person who acted.
const NOTIFY_FOLLOWERS: &str = "INSERT INTO notifications (user_id, candidate_id, kind, actor_id, detail, created_at) \
     SELECT user_id, candidate_id, $2, $3, $4, $5 FROM follows WHERE candidate_id = $1 AND user_id <> $3";

/// The reader's notifications about candidates they may (still) read, newest first.
const NOTIFICATIONS: &str = concat!(
    "SELECT n.id, n.candidate_id, c.title, n.kind, n.detail, n.created_at, n.read_at, u.display_name, \
            CASE WHEN u.id IS NULL THEN 'system' WHEN u.erased_at IS NOT NULL THEN 'erased' \
                 WHEN u.municipality_id = $2 THEN 'named' ELSE 'withheld' END AS actor_kind \
     FROM notifications n JOIN candidates c ON c.id = n.candidate_id LEFT JOIN users u ON u.id = n.actor_id \
     WHERE n.user_id = $3 AND ",
    visible_to_scope!(),
    " ORDER BY n.id DESC LIMIT $6"
);
const UNREAD: &str = concat!(
    "SELECT COUNT(*) FROM notifications n JOIN candidates c ON c.id = n.candidate_id \
     WHERE n.user_id = $3 AND n.read_at IS NULL AND ",
    visible_to_scope!()
);
/// Up to the newest one the reader has seen, so that one arriving meanwhile stays unread.
const MARK_READ: &str = "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND id <= $2 AND read_at IS NULL";

/// Moves only when the candidate still stands where the mover saw it, so two coordinators
/// moving at once cannot overwrite each other unnoticed.
const MOVE: &str =
    "UPDATE candidates SET phase = $2, status = $3, status_reason = $4, duplicate_of = $5, updated_at = $6 \
     WHERE id = $1 AND phase = $7 AND status = $8";

const FACTS: &str = "SELECT c.id, c.municipality_id, c.reporter_id, c.visibility, c.phase, c.status, c.status_reason, \
            c.duplicate_of, c.owner_id, d.path AS department_path \
     FROM candidates c LEFT JOIN departments d ON d.id = c.department_id WHERE c.id = $1";

const PHASES: &str =
    "SELECT phase, entered_at, left_at FROM candidate_phases WHERE candidate_id = $1 ORDER BY entered_at, id";

const INSERT_COMMENT: &str =
    "INSERT INTO comments (candidate_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id";

/// Names of people of other municipalities are withheld; erased people are former employees.
const COMMENTS: &str = "SELECT k.id, k.body, k.created_at, u.display_name, m.name AS municipality, \
            CASE WHEN u.erased_at IS NOT NULL THEN 'erased' WHEN u.municipality_id = $2 THEN 'named' \
                 ELSE 'withheld' END AS author_kind \
     FROM comments k JOIN users u ON u.id = k.author_id JOIN municipalities m ON m.id = u.municipality_id \
     WHERE k.candidate_id = $1 ORDER BY k.created_at, k.id";

const HISTORY: &str = "SELECT a.at, a.field, a.old_value, a.new_value, u.display_name, \
            CASE WHEN u.id IS NULL THEN 'system' WHEN u.erased_at IS NOT NULL THEN 'erased' ELSE 'named' END AS actor_kind \
     FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id \
     WHERE a.candidate_id = $1 ORDER BY a.id DESC";

/// What the policy needs to know about a candidate, and where it stands.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Facts {
    pub id: i64,
    pub municipality_id: i64,
    pub reporter_id: i64,
    pub visibility: String,
    pub phase: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub duplicate_of: Option<i64>,
    pub owner_id: Option<i64>,
    pub department_path: Option<String>,
}

impl Facts {
    pub fn visibility(&self) -> AppResult<Visibility> {
        known(Visibility::parse(&self.visibility), "visibility", &self.visibility)
    }

    /// The facts the policy reads.
    pub fn access(&self) -> AppResult<CandidateAccess<'_>> {
        Ok(CandidateAccess {
            municipality_id: self.municipality_id,
            reporter_id: self.reporter_id,
            visibility: self.visibility()?,
            department_path: self.department_path.as_deref(),
        })
    }

    pub fn standing(&self) -> AppResult<Standing> {
        Ok(Standing {
            id: self.id,
            phase: known(Phase::parse(&self.phase), "phase", &self.phase)?,
            status: known(Status::parse(&self.status), "status", &self.status)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct PhaseRow {
    phase: String,
    entered_at: OffsetDateTime,
    left_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    body: String,
    created_at: OffsetDateTime,
    display_name: String,
    municipality: String,
    author_kind: String,
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    candidate_id: i64,
    title: String,
    kind: String,
    detail: Option<String>,
    created_at: OffsetDateTime,
    read_at: Option<OffsetDateTime>,
    display_name: Option<String>,
    actor_kind: String,
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    at: OffsetDateTime,
    field: String,
    old_value: Option<String>,
    new_value: Option<String>,
    display_name: Option<String>,
    actor_kind: String,
}

fn person(kind: &str, name: Option<String>) -> PersonRef {
    match (kind, name) {
        ("named", Some(name)) => PersonRef::Named(name),
        ("erased", _) => PersonRef::FormerEmployee,
        _ => PersonRef::Withheld,
    }
}

pub async fn facts(db: &Db, id: i64) -> AppResult<Option<Facts>> {
    Ok(with_pool!(db, pool => sqlx::query_as::<_, Facts>(FACTS).bind(id).fetch_optional(pool).await)?)
}

/// Every stay in a phase, oldest first: (phase, entered, left).
pub async fn phases(db: &Db, id: i64) -> AppResult<Vec<(Phase, OffsetDateTime, Option<OffsetDateTime>)>> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, PhaseRow>(PHASES).bind(id).fetch_all(pool).await)?;
    rows.into_iter().map(|r| Ok((known(Phase::parse(&r.phase), "phase", &r.phase)?, r.entered_at, r.left_at))).collect()
}

/// The comments as a reader of `reader_municipality` may see them.
pub async fn comments(db: &Db, id: i64, reader_municipality: Option<i64>) -> AppResult<Vec<Comment>> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, CommentRow>(COMMENTS)
        .bind(id)
        .bind(reader_municipality.unwrap_or(0))
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| Comment {
            id: r.id,
            author: person(&r.author_kind, Some(r.display_name)),
            municipality: r.municipality,
            body: r.body,
            at: r.created_at,
        })
        .collect())
}

/// The audit trail, newest first.
pub async fn history(db: &Db, id: i64) -> AppResult<Vec<HistoryEvent>> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, HistoryRow>(HISTORY).bind(id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| HistoryEvent {
            at: r.at,
            actor: person(&r.actor_kind, r.display_name),
            field: r.field,
            old_value: r.old_value,
            new_value: r.new_value,
        })
        .collect())
}

pub async fn followers(db: &Db, id: i64) -> AppResult<i64> {
    Ok(with_pool!(db, pool => sqlx::query_scalar::<_, i64>(FOLLOWERS).bind(id).fetch_one(pool).await)?)
}

pub async fn is_following(db: &Db, user_id: i64, id: i64) -> AppResult<bool> {
    let n = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(IS_FOLLOWING).bind(user_id).bind(id).fetch_one(pool).await)?;
    Ok(n > 0)
}

pub async fn set_following(db: &Db, user_id: i64, id: i64, follow: bool) -> AppResult<()> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => if follow {
        sqlx::query(FOLLOW).bind(user_id).bind(id).bind(now).execute(pool).await.map(|_| ())
    } else {
        sqlx::query(UNFOLLOW).bind(user_id).bind(id).execute(pool).await.map(|_| ())
    })?;
    Ok(())
}

/// Stores a comment, makes its author a follower, and notifies the other followers.
pub async fn add_comment(db: &Db, author_id: i64, id: i64, body: &str) -> AppResult<i64> {
    let now = OffsetDateTime::now_utc();
    let snippet: String = body.chars().take(200).collect();
    let comment_id = with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let comment_id: i64 =
            sqlx::query_scalar(INSERT_COMMENT).bind(id).bind(author_id).bind(body).bind(now).fetch_one(&mut *tx).await?;
        sqlx::query(FOLLOW).bind(author_id).bind(id).bind(now).execute(&mut *tx).await?;
        sqlx::query(NOTIFY_FOLLOWERS).bind(id).bind("comment").bind(author_id).bind(&snippet).bind(now)
            .execute(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(comment_id)
    })?;
    Ok(comment_id)
}

/// Moves the candidate, closes and opens phase stays, writes one audit event per changed field
/// and notifies the followers — or, when someone else moved it since `from` was read, changes
/// nothing and answers `Conflict`.
pub async fn transition(db: &Db, actor_id: i64, from: &Facts, to: &Transition) -> AppResult<()> {
    let now = OffsetDateTime::now_utc();
    // The reason belongs to a status; back to active, the old reason goes.
    let reason = if to.status == Status::Active { None } else { to.reason.clone() };
    let mut changes: Vec<(&str, Option<String>, Option<String>)> = Vec::new();
    if from.phase != to.phase.as_str() {
        changes.push(("phase", Some(from.phase.clone()), Some(to.phase.as_str().to_owned())));
    }
    if from.status != to.status.as_str() {
        changes.push(("status", Some(from.status.clone()), Some(to.status.as_str().to_owned())));
    }
    // The reason is recorded with every move that has one, even when the status stays.
    if to.reason.is_some() || from.status_reason != reason {
        changes.push(("status_reason", from.status_reason.clone(), to.reason.clone()));
    }
    if from.duplicate_of != to.duplicate_of {
        changes.push((
            "duplicate_of",
            from.duplicate_of.map(|d| d.to_string()),
            to.duplicate_of.map(|d| d.to_string()),
        ));
    }
    let (kind, detail) =
        if from.phase != to.phase.as_str() { ("phase", to.phase.as_str()) } else { ("status", to.status.as_str()) };
    let moved = with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let moved = sqlx::query(MOVE)
            .bind(from.id).bind(to.phase.as_str()).bind(to.status.as_str()).bind(&reason).bind(to.duplicate_of)
            .bind(now).bind(&from.phase).bind(&from.status)
            .execute(&mut *tx).await?;
        if moved.rows_affected() == 1 {
            if from.phase != to.phase.as_str() {
                sqlx::query(LEAVE_PHASE).bind(from.id).bind(now).execute(&mut *tx).await?;
                sqlx::query(ENTER_PHASE).bind(from.id).bind(to.phase.as_str()).bind(now).execute(&mut *tx).await?;
            }
            for (field, old, new) in &changes {
                sqlx::query(AUDIT).bind(from.id).bind(actor_id).bind(now).bind(*field).bind(old).bind(new)
                    .execute(&mut *tx).await?;
            }
            sqlx::query(NOTIFY_FOLLOWERS).bind(from.id).bind(kind).bind(actor_id).bind(detail).bind(now)
                .execute(&mut *tx).await?;
            tx.commit().await?;
        }
        Ok::<_, sqlx::Error>(moved.rows_affected() == 1)
    })?;
    if moved {
        Ok(())
    } else {
        Err(AppError::Conflict)
    }
}

/// The reader's newest notifications (at most `limit`).
pub async fn notifications(db: &Db, scope: CandidateScope, limit: i64) -> AppResult<Vec<Notification>> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, NotificationRow>(NOTIFICATIONS)
        .bind(scope.signed_in)
        .bind(scope.municipality_id)
        .bind(scope.user_id)
        .bind(scope.sees_all_private)
        .bind(scope.sees_scoped_private)
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    rows.into_iter()
        .map(|r| {
            Ok(Notification {
                id: r.id,
                candidate_id: r.candidate_id,
                candidate_title: r.title,
                kind: known(NotificationKind::parse(&r.kind), "kind", &r.kind)?,
                actor: person(&r.actor_kind, r.display_name),
                detail: r.detail,
                at: r.created_at,
                unread: r.read_at.is_none(),
            })
        })
        .collect()
}

pub async fn unread(db: &Db, scope: CandidateScope) -> AppResult<i64> {
    Ok(with_pool!(db, pool => sqlx::query_scalar::<_, i64>(UNREAD)
        .bind(scope.signed_in)
        .bind(scope.municipality_id)
        .bind(scope.user_id)
        .bind(scope.sees_all_private)
        .bind(scope.sees_scoped_private)
        .fetch_one(pool)
        .await)?)
}

pub async fn mark_read(db: &Db, user_id: i64, up_to: i64) -> AppResult<()> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => sqlx::query(MARK_READ).bind(user_id).bind(up_to).bind(now).execute(pool).await.map(|_| ()))?;
    Ok(())
}
