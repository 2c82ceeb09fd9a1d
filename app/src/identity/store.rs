//! Users and roles in the database.

use super::model::{Actor, CurrentUser, PersonalData, ReportedCandidate, Role};
use crate::db::Db;
use crate::with_pool;
use time::OffsetDateTime;

#[derive(sqlx::FromRow)]
pub struct LoginRow {
    pub id: i64,
    pub password_hash: Option<String>,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    municipality_id: i64,
    municipality: String,
    display_name: String,
    password_hash: Option<String>,
    session_generation: i64,
    kind: Option<String>,
    value: Option<String>,
}

/// The stored identity of one user, with the secret part kept apart from what is shown.
pub struct StoredUser {
    pub actor: Actor,
    pub current: CurrentUser,
    pub password_hash: Option<String>,
    /// Raised to end every session of the person (see `auth::SessionUser`).
    pub session_generation: i64,
}

const FIND_LOGIN: &str = "SELECT id, password_hash FROM users WHERE email = $1 AND erased_at IS NULL";

/// The user with their roles and coordinator departments in one round trip (this runs on every
/// signed-in request): one row per role ('role', name) and per department ('scope', path), or
/// a single row with no kind when there are none.
const LOAD_USER: &str = "SELECT u.id, u.municipality_id, m.name AS municipality, u.display_name, u.password_hash, \
     u.session_generation, r.kind, r.value \
     FROM users u JOIN municipalities m ON m.id = u.municipality_id \
     LEFT JOIN (SELECT 'role' AS kind, role AS value FROM user_roles WHERE user_id = $1 \
         UNION ALL \
         SELECT 'scope' AS kind, d.path AS value FROM coordinator_departments cd \
         JOIN departments d ON d.id = cd.department_id WHERE cd.user_id = $1) r ON TRUE \
     WHERE u.id = $1 AND u.erased_at IS NULL \
     ORDER BY r.kind, r.value";

/// One more attempt for a key, and the attempts of its window so far, in one statement: the
/// row lock (PostgreSQL) or the single writer (SQLite) makes parallel attempts count one after
/// the other, so no two read the same count. A window that has ended starts again at 1.
const COUNT_ATTEMPT: &str = "INSERT INTO login_throttle (key, attempts, window_start) VALUES ($1, 1, $2) \
     ON CONFLICT (key) DO UPDATE SET \
     attempts = CASE WHEN login_throttle.window_start <= $3 THEN 1 ELSE login_throttle.attempts + 1 END, \
     window_start = CASE WHEN login_throttle.window_start <= $3 THEN excluded.window_start \
                    ELSE login_throttle.window_start END \
     RETURNING attempts";
const TAKE_BACK_ATTEMPT: &str = "UPDATE login_throttle SET attempts = attempts - 1 WHERE key = $1 AND attempts > 0";
const FORGET_OLD_ATTEMPTS: &str = "DELETE FROM login_throttle WHERE window_start <= $1";
const CLEAR_ATTEMPTS: &str = "DELETE FROM login_throttle WHERE key = $1";
const SET_LANGUAGE: &str = "UPDATE users SET language = $2 WHERE id = $1";

/// Normalised form of a typed e-mail address: how it is stored and compared.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn find_login(db: &Db, email: &str) -> Result<Option<LoginRow>, sqlx::Error> {
    let email = normalise_email(email);
    with_pool!(db, pool => sqlx::query_as::<_, LoginRow>(FIND_LOGIN).bind(&email).fetch_optional(pool).await)
}

pub async fn load_user(db: &Db, user_id: i64) -> Result<Option<StoredUser>, sqlx::Error> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, UserRow>(LOAD_USER).bind(user_id).fetch_all(pool).await)?;
    let Some(first) = rows.first() else { return Ok(None) };
    let (id, municipality_id) = (first.id, first.municipality_id);
    let (display_name, municipality, password_hash, session_generation) =
        (first.display_name.clone(), first.municipality.clone(), first.password_hash.clone(), first.session_generation);
    let (mut roles, mut coordinator_scope) = (Vec::new(), Vec::new());
    for row in rows {
        match (row.kind.as_deref(), row.value) {
            // The CHECK constraint admits only known names; an unknown one would be skipped, not trusted.
            (Some("role"), Some(value)) => roles.extend(Role::parse(&value)),
            (Some("scope"), Some(value)) => coordinator_scope.push(value),
            _ => {}
        }
    }
    Ok(Some(StoredUser {
        actor: Actor { user_id: id, municipality_id, roles: roles.clone(), coordinator_scope },
        current: CurrentUser { display_name, municipality, roles },
        password_hash,
        session_generation,
    }))
}

/// The language the person last signed in with: the one their e-mails are written in.
pub async fn remember_language(db: &Db, user_id: i64, locale: crate::i18n::Locale) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(SET_LANGUAGE).bind(user_id).bind(locale.code()).execute(pool).await.map(|_| ()))
}

/// Counts one more sign-in attempt for `key` and returns the attempts of its window (which
/// started after `window_start`), this one included.
pub async fn count_attempt(
    db: &Db,
    key: &str,
    now: OffsetDateTime,
    window_start: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar(COUNT_ATTEMPT).bind(key).bind(now).bind(window_start).fetch_one(pool).await)
}

/// Gives back one attempt of `key` (a client's successful sign-in does not count against it).
pub async fn take_back_attempt(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(TAKE_BACK_ATTEMPT).bind(key).execute(pool).await.map(|_| ()))
}

pub async fn clear_attempts(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(CLEAR_ATTEMPTS).bind(key).execute(pool).await.map(|_| ()))
}

/// Forgets the counts of windows that ended before `before`.
pub async fn forget_old_attempts(db: &Db, before: OffsetDateTime) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(FORGET_OLD_ATTEMPTS).bind(before).execute(pool).await.map(|_| ()))
}

const PROFILE: &str = "SELECT u.email, u.display_name, m.name AS municipality, u.created_at \
     FROM users u JOIN municipalities m ON m.id = u.municipality_id WHERE u.id = $1";
const REPORTED: &str = "SELECT id, title, created_at FROM candidates WHERE reporter_id = $1 ORDER BY created_at, id";

#[derive(sqlx::FromRow)]
struct ProfileRow {
    email: String,
    display_name: String,
    municipality: String,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct ReportedRow {
    id: i64,
    title: String,
    created_at: OffsetDateTime,
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// The person's own record and what they reported, or `None` if the user is gone.
pub async fn personal_data(db: &Db, actor: &Actor) -> Result<Option<PersonalData>, sqlx::Error> {
    let profile = with_pool!(db, pool => sqlx::query_as::<_, ProfileRow>(PROFILE)
        .bind(actor.user_id).fetch_optional(pool).await)?;
    let Some(profile) = profile else { return Ok(None) };
    let reported = with_pool!(db, pool => sqlx::query_as::<_, ReportedRow>(REPORTED)
        .bind(actor.user_id).fetch_all(pool).await)?;
    Ok(Some(PersonalData {
        email: profile.email,
        display_name: profile.display_name,
        municipality: profile.municipality,
        roles: actor.roles.clone(),
        created_at: rfc3339(profile.created_at),
        reported_candidates: reported
            .into_iter()
            .map(|r| ReportedCandidate { id: r.id, title: r.title, reported_at: rfc3339(r.created_at) })
            .collect(),
    }))
}
