//! Signing in and a person's own data, free of HTTP apart from the session sign-in writes to.

use crate::common::error::{AppError, AppResult};
use crate::common::locale::Locale;
use crate::db::Db;
use crate::identity::auth::{AuthSession, Credentials};
use crate::identity::model::{Actor, PersonalData, Profile};
use crate::identity::store;
use time::{Duration, OffsetDateTime};

/// This many sign-in attempts for one address from one client within [`FAILURE_WINDOW`] close
/// the address for that client for the rest of the window, whether the address belongs to
/// anyone or not (so the answer tells nothing). Other clients, the owner among them, are not
/// locked out by someone else's guessing.
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// Attempts one client may make within the window, over all addresses (guessing one password
/// on many addresses); its successful sign-ins do not count.
pub const MAX_PER_CLIENT: i64 = 100;
/// Beyond this many attempts on one address within the window, from all clients together, each
/// further attempt waits [`SLOW_DOWN`] first: guessing from many machines is slowed, and the
/// owner is never locked out.
pub const SLOW_AFTER: i64 = 20;
pub const SLOW_DOWN: std::time::Duration = std::time::Duration::from_secs(2);

/// Longer input is no e-mail address or password of ours; refusing it early keeps a request
/// from making argon2 or the database work on megabytes.
pub const EMAIL_MAX: usize = 320;
const PASSWORD_MAX: usize = 1024;

fn internal(what: &'static str) -> impl FnOnce(axum_login::Error<crate::identity::auth::Backend>) -> AppError {
    move |error| {
        tracing::error!(%error, what);
        AppError::Internal
    }
}

/// Checks the password, throttles guessing (per address and client, per client, and slows it
/// down per address; `client` is the caller's IP address), and on success starts a fresh
/// session (new id, so a session fixed before sign-in is worthless). `locale` is the page's
/// language, remembered for the person's e-mails.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    db: &Db,
    auth: &mut AuthSession,
    email: &str,
    password: String,
    locale: Locale,
    client: Option<std::net::IpAddr>,
) -> AppResult<()> {
    if email.len() > EMAIL_MAX || password.len() > PASSWORD_MAX {
        return Err(AppError::BadCredentials);
    }
    let now = OffsetDateTime::now_utc();
    let window_start = now - FAILURE_WINDOW;
    // Each attempt is counted before the password is checked, in one statement per key, so a
    // burst of parallel guesses gets no more checks than the limit.
    let (client_key, pair_key, address_key) = store::throttle_keys(email, client);
    if store::count_attempt(db, &client_key, now, window_start).await? > MAX_PER_CLIENT {
        tracing::warn!("sign-in refused: too many attempts from the client");
        return Err(AppError::TooManyAttempts);
    }
    if store::count_attempt(db, &pair_key, now, window_start).await? > MAX_FAILURES {
        tracing::warn!("sign-in refused: too many failures for the address from the client");
        return Err(AppError::TooManyAttempts);
    }
    if store::count_attempt(db, &address_key, now, window_start).await? > SLOW_AFTER {
        tracing::warn!("sign-in slowed down: many attempts for the address");
        tokio::time::sleep(SLOW_DOWN).await;
    }
    let user = auth
        .authenticate(Credentials { email: email.to_owned(), password })
        .await
        .map_err(internal("authentication backend failed"))?;
    let Some(user) = user else {
        store::forget_old_attempts(db, window_start).await?;
        tracing::info!("failed sign-in");
        return Err(AppError::BadCredentials);
    };
    store::clear_attempts(db, &pair_key).await?;
    store::take_back_attempt(db, &client_key).await?;
    store::remember_language(db, user.actor.user_id, locale).await?;
    crate::identity::auth::start_session(auth, &user).await.map_err(internal("storing the session failed"))?;
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
