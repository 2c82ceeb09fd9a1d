//! Users and roles in the database.

use crate::db::Db;
use crate::identity::model::{
    Actor, CurrentUser, MyApiToken, MyAssessment, MyAttachment, MyBacklogOverride, MyComment, MyDecision, MyFollow,
    MyHistoryEvent, MyImport, MyModelVersion, MyNotification, MySignInAttempts, PersonalData, ReportedCandidate, Role,
    SsoLink,
};
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
pub async fn remember_language(
    db: &Db,
    user_id: i64,
    locale: crate::common::locale::Locale,
) -> Result<(), sqlx::Error> {
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

const PROFILE: &str = "SELECT u.email, u.display_name, m.name AS municipality, u.created_at, u.language, \
     u.email_notifications, u.oidc_issuer, u.oidc_subject \
     FROM users u JOIN municipalities m ON m.id = u.municipality_id WHERE u.id = $1";
const REPORTED: &str = "SELECT id, title, created_at FROM candidates WHERE reporter_id = $1 ORDER BY created_at, id";
const OWNED: &str = "SELECT id, title, created_at FROM candidates WHERE owner_id = $1 ORDER BY created_at, id";
const MY_DEPARTMENTS: &str =
    "SELECT d.name FROM coordinator_departments cd JOIN departments d ON d.id = cd.department_id \
     WHERE cd.user_id = $1 ORDER BY d.name, d.id";
const MY_COMMENTS: &str = "SELECT candidate_id, body, created_at FROM comments WHERE author_id = $1 ORDER BY id";
const MY_FOLLOWS: &str =
    "SELECT candidate_id, created_at FROM follows WHERE user_id = $1 ORDER BY created_at, candidate_id";
const MY_NOTIFICATIONS: &str = "SELECT candidate_id, kind, created_at, read_at, emailed_at FROM notifications \
     WHERE user_id = $1 ORDER BY id";
const MY_TOKENS: &str = "SELECT name, prefix, scope, created_at, expires_at, last_used_at, revoked_at FROM api_tokens \
     WHERE user_id = $1 ORDER BY created_at, id";
const MY_ASSESSMENTS: &str = "SELECT candidate_id, model_version, assessed_at, note FROM assessments \
     WHERE assessed_by = $1 ORDER BY id";
const MY_DECISIONS: &str = "SELECT candidate_id, scope, outcome, rationale, decided_on, recorded_at FROM decisions \
     WHERE recorded_by = $1 ORDER BY id";
const MY_OVERRIDES: &str = "SELECT candidate_id, scope, position, reason, set_at FROM backlog_overrides \
     WHERE set_by = $1 ORDER BY set_at, candidate_id";
const MY_MODELS: &str = "SELECT version, published_at FROM scoring_models WHERE published_by = $1 ORDER BY version";
const MY_DRAFT: &str = "SELECT updated_at FROM scoring_draft WHERE updated_by = $1";
const MY_IMPORTS: &str = "SELECT file_name, state, total_rows, created_at FROM candidate_imports \
     WHERE user_id = $1 ORDER BY created_at, id";
const MY_ATTACHMENTS: &str = "SELECT candidate_id, file_name, content_type, size_bytes, created_at \
     FROM candidate_attachments WHERE uploaded_by = $1 ORDER BY id";
const MY_HISTORY: &str = "SELECT candidate_id, field, at FROM audit_events WHERE actor_id = $1 ORDER BY id";
/// The sign-in throttle's rows naming the address (`address {email}`, `pair {client} {email}`,
/// as [`throttle_keys`] writes them); [`throttle_client_of`] keeps the exact ones.
const MY_ATTEMPTS: &str = "SELECT key, attempts, window_start FROM login_throttle \
     WHERE key = 'address ' || $1 OR (key LIKE 'pair %' AND key LIKE '% ' || $1) ORDER BY window_start, key";

/// The throttle's keys: per client, per address with client, per address.
pub(super) fn throttle_keys(email: &str, client: Option<std::net::IpAddr>) -> (String, String, String) {
    let email = normalise_email(email);
    let client = client.map(|ip| ip.to_canonical().to_string()).unwrap_or_else(|| "-".to_owned());
    (format!("client {client}"), format!("pair {client} {email}"), format!("address {email}"))
}

/// For a throttle key about `email`: `Some(None)` for the address over all clients,
/// `Some(Some(client))` for the address from one client, `None` for any other key.
pub(super) fn throttle_client_of(key: &str, email: &str) -> Option<Option<String>> {
    let mut parts = key.splitn(3, ' ');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("address"), Some(address), None) if address == email => Some(None),
        (Some("pair"), Some(client), Some(address)) if address == email => Some(Some(client.to_owned())),
        _ => None,
    }
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    email: String,
    display_name: String,
    municipality: String,
    created_at: OffsetDateTime,
    language: Option<String>,
    email_notifications: bool,
    oidc_issuer: Option<String>,
    oidc_subject: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ReportedRow {
    id: i64,
    title: String,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    candidate_id: i64,
    body: String,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct FollowRow {
    candidate_id: i64,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    candidate_id: i64,
    kind: String,
    created_at: OffsetDateTime,
    read_at: Option<OffsetDateTime>,
    emailed_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    name: String,
    prefix: String,
    scope: String,
    created_at: OffsetDateTime,
    expires_at: Option<OffsetDateTime>,
    last_used_at: Option<OffsetDateTime>,
    revoked_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct AssessmentRow {
    candidate_id: i64,
    model_version: i64,
    assessed_at: OffsetDateTime,
    note: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    candidate_id: i64,
    scope: String,
    outcome: String,
    rationale: String,
    decided_on: time::Date,
    recorded_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct OverrideRow {
    candidate_id: i64,
    scope: String,
    position: i64,
    reason: String,
    set_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct ModelRow {
    version: i64,
    published_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct ImportRow {
    file_name: String,
    state: String,
    total_rows: i64,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct AttachmentRow {
    candidate_id: i64,
    file_name: String,
    content_type: String,
    size_bytes: i64,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    candidate_id: i64,
    field: String,
    at: OffsetDateTime,
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Every row of `sql` for one bound value, as `T`.
macro_rules! rows_for {
    ($db:expr, $row:ty, $sql:expr, $value:expr) => {
        with_pool!($db, pool => sqlx::query_as::<_, $row>($sql).bind($value).fetch_all(pool).await)
    };
}

/// Everything kept about the person (see `PersonalData`), or `None` if the user is gone.
/// Each part is selected by the person's own id, and holds nothing that names another person.
pub async fn personal_data(db: &Db, actor: &Actor) -> Result<Option<PersonalData>, sqlx::Error> {
    let me = actor.user_id;
    let profile = with_pool!(db, pool => sqlx::query_as::<_, ProfileRow>(PROFILE)
        .bind(me).fetch_optional(pool).await)?;
    let Some(profile) = profile else { return Ok(None) };
    let candidates = |rows: Vec<ReportedRow>| {
        rows.into_iter()
            .map(|r| ReportedCandidate { id: r.id, title: r.title, reported_at: rfc3339(r.created_at) })
            .collect()
    };
    let reported = rows_for!(db, ReportedRow, REPORTED, me)?;
    let owned = rows_for!(db, ReportedRow, OWNED, me)?;
    let departments = with_pool!(db, pool => sqlx::query_scalar::<_, String>(MY_DEPARTMENTS)
        .bind(me).fetch_all(pool).await)?;
    let comments = rows_for!(db, CommentRow, MY_COMMENTS, me)?;
    let follows = rows_for!(db, FollowRow, MY_FOLLOWS, me)?;
    let notifications = rows_for!(db, NotificationRow, MY_NOTIFICATIONS, me)?;
    let tokens = rows_for!(db, TokenRow, MY_TOKENS, me)?;
    let assessments = rows_for!(db, AssessmentRow, MY_ASSESSMENTS, me)?;
    let decisions = rows_for!(db, DecisionRow, MY_DECISIONS, me)?;
    let overrides = rows_for!(db, OverrideRow, MY_OVERRIDES, me)?;
    let models = rows_for!(db, ModelRow, MY_MODELS, me)?;
    let draft = with_pool!(db, pool => sqlx::query_scalar::<_, OffsetDateTime>(MY_DRAFT)
        .bind(me).fetch_optional(pool).await)?;
    let imports = rows_for!(db, ImportRow, MY_IMPORTS, me)?;
    let attachments = rows_for!(db, AttachmentRow, MY_ATTACHMENTS, me)?;
    let history = rows_for!(db, HistoryRow, MY_HISTORY, me)?;
    let attempts: Vec<(String, i64, OffsetDateTime)> = with_pool!(db, pool => sqlx::query_as(MY_ATTEMPTS)
        .bind(&profile.email).fetch_all(pool).await)?;
    let sign_in_attempts = attempts
        .into_iter()
        .filter_map(|(key, attempts, window_start)| {
            throttle_client_of(&key, &profile.email).map(|client| MySignInAttempts {
                client,
                attempts,
                window_start: rfc3339(window_start),
            })
        })
        .collect();
    let at = |t: Option<OffsetDateTime>| t.map(rfc3339);
    Ok(Some(PersonalData {
        email: profile.email,
        display_name: profile.display_name,
        municipality: profile.municipality,
        roles: actor.roles.clone(),
        created_at: rfc3339(profile.created_at),
        language: profile.language,
        email_notifications: profile.email_notifications,
        sso: profile.oidc_issuer.zip(profile.oidc_subject).map(|(issuer, subject)| SsoLink { issuer, subject }),
        coordinator_departments: departments,
        reported_candidates: candidates(reported),
        owned_candidates: candidates(owned),
        comments: comments
            .into_iter()
            .map(|r| MyComment { candidate_id: r.candidate_id, body: r.body, created_at: rfc3339(r.created_at) })
            .collect(),
        follows: follows
            .into_iter()
            .map(|r| MyFollow { candidate_id: r.candidate_id, since: rfc3339(r.created_at) })
            .collect(),
        notifications: notifications
            .into_iter()
            .map(|r| MyNotification {
                candidate_id: r.candidate_id,
                kind: r.kind,
                created_at: rfc3339(r.created_at),
                read_at: at(r.read_at),
                emailed_at: at(r.emailed_at),
            })
            .collect(),
        api_tokens: tokens
            .into_iter()
            .map(|r| MyApiToken {
                name: r.name,
                prefix: r.prefix,
                scope: r.scope,
                created_at: rfc3339(r.created_at),
                expires_at: at(r.expires_at),
                last_used_at: at(r.last_used_at),
                revoked_at: at(r.revoked_at),
            })
            .collect(),
        assessments: assessments
            .into_iter()
            .map(|r| MyAssessment {
                candidate_id: r.candidate_id,
                model_version: r.model_version,
                assessed_at: rfc3339(r.assessed_at),
                note: r.note,
            })
            .collect(),
        decisions: decisions
            .into_iter()
            .map(|r| MyDecision {
                candidate_id: r.candidate_id,
                scope: r.scope,
                outcome: r.outcome,
                rationale: r.rationale,
                decided_on: r.decided_on.to_string(),
                recorded_at: rfc3339(r.recorded_at),
            })
            .collect(),
        backlog_overrides: overrides
            .into_iter()
            .map(|r| MyBacklogOverride {
                candidate_id: r.candidate_id,
                scope: r.scope,
                position: r.position,
                reason: r.reason,
                set_at: rfc3339(r.set_at),
            })
            .collect(),
        scoring_models_published: models
            .into_iter()
            .map(|r| MyModelVersion { version: r.version, published_at: rfc3339(r.published_at) })
            .collect(),
        scoring_draft_saved_at: draft.map(rfc3339),
        imports: imports
            .into_iter()
            .map(|r| MyImport {
                file_name: r.file_name,
                state: r.state,
                total_rows: r.total_rows,
                created_at: rfc3339(r.created_at),
            })
            .collect(),
        attachments: attachments
            .into_iter()
            .map(|r| MyAttachment {
                candidate_id: r.candidate_id,
                file_name: r.file_name,
                content_type: r.content_type,
                size_bytes: r.size_bytes,
                created_at: rfc3339(r.created_at),
            })
            .collect(),
        history: history
            .into_iter()
            .map(|r| MyHistoryEvent { candidate_id: r.candidate_id, field: r.field, at: rfc3339(r.at) })
            .collect(),
        sign_in_attempts,
        sessions: Vec::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The personal data download reads back exactly the keys the throttle writes about an
    /// address, and no other address's.
    #[test]
    fn the_download_reads_the_throttle_keys_of_the_address_only() {
        let ip: std::net::IpAddr = "192.0.2.7".parse().expect("ip");
        let (client, pair, address) = throttle_keys("Jane@Home.test", Some(ip));
        let of = |key: &str| throttle_client_of(key, "jane@home.test");
        assert_eq!(of(&address), Some(None));
        assert_eq!(of(&pair), Some(Some("192.0.2.7".to_owned())));
        assert_eq!(of(&client), None);
        let (_, other_pair, other_address) = throttle_keys("xjane@home.test", Some(ip));
        assert_eq!(of(&other_pair), None);
        assert_eq!(of(&other_address), None);
        assert_eq!(of("pair 192.0.2.7 jane@home.test extra"), None);
    }
}
