//! Signing in and a person's own data, free of HTTP apart from the session sign-in writes to.

use super::auth::{AuthSession, Credentials};
use super::model::{Actor, PersonalData, Profile};
use super::store;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use time::{Duration, OffsetDateTime};

/// This many failed sign-ins for one address within [`FAILURE_WINDOW`] close it for the rest
/// of the window, whether the address belongs to anyone or not (so the answer tells nothing).
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);

/// Longer input is no e-mail address or password of ours; refusing it early keeps a request
/// from making argon2 or the database work on megabytes.
pub const EMAIL_MAX: usize = 320;
const PASSWORD_MAX: usize = 1024;

fn internal(what: &'static str) -> impl FnOnce(axum_login::Error<super::auth::Backend>) -> AppError {
    move |error| {
        tracing::error!(%error, what);
        AppError::Internal
    }
}

/// Checks the password, throttles guessing per address, and on success starts a fresh
/// session (new id, so a session fixed before sign-in is worthless). `locale` is the page's
/// language, remembered for the person's e-mails.
#[tracing::instrument(skip_all)]
pub async fn sign_in(db: &Db, auth: &mut AuthSession, email: &str, password: String, locale: Locale) -> AppResult<()> {
    if email.len() > EMAIL_MAX || password.len() > PASSWORD_MAX {
        return Err(AppError::BadCredentials);
    }
    let now = OffsetDateTime::now_utc();
    let window_start = now - FAILURE_WINDOW;
    if store::recent_failures(db, email, window_start).await? >= MAX_FAILURES {
        tracing::warn!("sign-in refused: too many failures for the address");
        return Err(AppError::TooManyAttempts);
    }
    let user = auth
        .authenticate(Credentials { email: email.to_owned(), password })
        .await
        .map_err(internal("authentication backend failed"))?;
    let Some(user) = user else {
        store::record_failure(db, email, now, window_start).await?;
        tracing::info!("failed sign-in");
        return Err(AppError::BadCredentials);
    };
    store::clear_failures(db, email).await?;
    store::remember_language(db, user.actor.user_id, locale).await?;
    super::auth::start_session(auth, &user).await.map_err(internal("storing the session failed"))?;
    tracing::info!(user = user.actor.user_id, "signed in");
    Ok(())
}

/// What Autoport holds about the caller; only ever their own.
pub async fn personal_data(db: &Db, actor: Option<&Actor>) -> AppResult<PersonalData> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    store::personal_data(db, actor).await?.ok_or(AppError::NotFound)
}

/// The caller's name, municipality and roles, read afresh.
pub async fn profile(db: &Db, actor: Option<&Actor>) -> AppResult<Profile> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    let user = store::load_user(db, actor.user_id).await?.ok_or(AppError::NotFound)?;
    Ok(Profile {
        id: user.actor.user_id,
        display_name: user.current.display_name,
        municipality_id: user.actor.municipality_id,
        municipality: user.current.municipality,
        roles: user.actor.roles,
    })
}
