//! The Autoport server: configuration, the axum router around the Leptos app, sessions,
//! health probes. `main.rs` only starts it; tests build the same router in-process.

pub mod admin;
pub mod background;
pub mod config;
pub mod demo;
mod headers;
mod http;
pub mod mail;
pub mod rest;
pub mod seed;
mod sessions;
pub mod telemetry;

use app::db::{Db, DbSetupError};
use app::identity::auth::Backend;
use app::identity::state::AppState;
use app::{shell, App};
use axum::Router;
use axum_login::AuthManagerLayerBuilder;
use config::Config;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sessions::RENEWED_AT;
use tower_sessions::cookie::SameSite;
use tower_sessions::{ExpiredDeletion, Expiry, SessionManagerLayer, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

pub use app::db;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] DbSetupError),
    #[error("cannot load the demo data: {0}")]
    Demo(#[source] seed::SeedError),
    #[error("session store: {0}")]
    Sessions(String),
    #[error(
        "the database holds encrypted values but no data key is configured: set AUTOPORT_DATA_KEYS (see README, \"Single sign-on\")"
    )]
    NoDataKey,
    #[error("database: {0}")]
    Query(#[source] sqlx::Error),
    #[error("single sign-on: {0}")]
    Sso(String),
}

pub const SESSION_COOKIE: &str = "autoport_session";

/// Connects, migrates, loads the demo when asked, and builds the whole router.
pub async fn build(config: &Config, leptos_options: LeptosOptions) -> Result<(Router, Db), StartError> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    if config.demo {
        demo::load_if_empty(&db).await.map_err(StartError::Demo)?;
    }
    check_data_keys(config, &db).await?;
    let router = router(config, leptos_options, db.clone())?;
    Ok((router, db))
}

/// Refuses to start without a key when sealed values exist; warns loudly about the
/// development key.
pub async fn check_data_keys(config: &Config, db: &Db) -> Result<(), StartError> {
    if config.development_key {
        tracing::warn!(
            "DEMO MODE: values are encrypted with the public development key; never use this with real data. \
             Set AUTOPORT_DATA_KEYS for anything else."
        );
    }
    if config.data_keys.is_empty() {
        let secrets = app::identity::sso::store::count_sealed(db).await.map_err(StartError::Query)?;
        let contacts = app::candidates::record::store::count_sealed(db).await.map_err(StartError::Query)?;
        if secrets + contacts > 0 {
            return Err(StartError::NoDataKey);
        }
        tracing::info!("no AUTOPORT_DATA_KEYS: single sign-on secrets and contact details cannot be stored");
    }
    Ok(())
}

/// `autoport reencrypt`: re-seals every encrypted value with the current key, in one
/// transaction. Returns a report for the terminal.
pub async fn reencrypt(config: &Config) -> Result<String, String> {
    let keys = &config.data_keys;
    let current = keys.current_key_id().ok_or("AUTOPORT_DATA_KEYS is not set: nothing to re-encrypt with")?;
    let db = Db::connect(&config.database_url).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    // Two transactions: a failure in the second leaves the first table on the new key, which
    // is harmless (both keys stay configured until the command has succeeded) and re-running
    // finishes the job.
    let secrets = app::identity::sso::store::reseal_secrets(&db, keys).await;
    let contacts = match &secrets {
        Ok(_) => Some(app::candidates::record::store::reseal_contacts(&db, keys).await),
        Err(_) => None,
    };
    db.close().await;
    let counts = secrets.map_err(|e| format!("re-encryption failed, nothing was changed: {e}"))?;
    let (resealed, contacts_current) = match contacts {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            return Err(format!(
                "client secrets were re-encrypted, contact details failed and were left as they were \
                 (run the command again): {e}"
            ))
        }
        None => (0, 0),
    };
    Ok(format!(
        "re-encrypted with key {current:?}:\n  oidc_providers.client_secret: {} re-sealed, {} already current\n  \
         candidates.contact_*: {resealed} re-sealed, {current_contacts} already current",
        counts.resealed,
        counts.already_current,
        current_contacts = contacts_current
    ))
}

/// The application's routes, generated once per process. Generating them renders the app with
/// resource loading suppressed by a process-wide flag (leptos_server); a page request whose
/// resource first polls while another router is being built would wait forever
/// (leptos-rs/leptos#4773). Nodes build one router, but tests build many side by side.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The router for an already migrated database.
pub fn router(config: &Config, leptos_options: LeptosOptions, db: Db) -> Result<Router, StartError> {
    let oidc =
        app::identity::sso::oidc::Oidc::new(&config.public_url, config.sso_allow_loopback).map_err(StartError::Sso)?;
    let state = AppState {
        leptos_options,
        db: db.clone(),
        keys: std::sync::Arc::new(config.data_keys.clone()),
        oidc: std::sync::Arc::new(oidc),
        public_url: config.public_url.clone(),
        attachment_max_bytes: config.attachment_max_bytes(),
    };
    let routes = route_list();
    let context_state = state.clone();
    let fallback_state = state.clone();
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                headers::page_policy_into_response();
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            move || {
                provide_context(fallback_state.clone());
                headers::page_policy_into_response();
            },
            shell,
        ))
        .with_state(state.clone());
    let router = http::routes(state.clone())
        .merge(app::candidates::search::http::routes(state.clone()))
        .merge(app::candidates::attachments::http::routes(state.clone()))
        .merge(app::candidates::import::http::routes(state.clone()))
        .merge(app::identity::sso::http::routes(state.clone()))
        .merge(pages);
    let router = http::limit_bodies(router).merge(app::candidates::attachments::http::upload_routes(state.clone()));
    let router = match &db {
        Db::Sqlite(pool) => with_sessions(router, config, db.clone(), sqlite_store(pool.clone())?),
        Db::Postgres(pool) => with_sessions(router, config, db.clone(), postgres_store(pool.clone())?),
    };
    // Merged after the session layer, which therefore never runs for the API: there only a
    // Bearer token counts, never a cookie.
    let router = router.merge(http::limit_bodies(rest::routes(state)));
    Ok(http::outer_layers(router, config))
}

fn sqlite_store(pool: sqlx::SqlitePool) -> Result<SqliteStore, StartError> {
    SqliteStore::new(pool).with_table_name("sessions").map_err(StartError::Sessions)
}

fn postgres_store(pool: sqlx::PgPool) -> Result<PostgresStore, StartError> {
    PostgresStore::new(pool)
        .with_schema_name("public")
        .and_then(|s| s.with_table_name("sessions"))
        .map_err(StartError::Sessions)
}

/// Sessions in the database (any node serves any user) and axum-login on top. The table is
/// created by our migrations, so the store's own `migrate` is not called.
fn with_sessions<S>(router: Router, config: &Config, db: Db, store: S) -> Router
where
    S: SessionStore + ExpiredDeletion + Clone,
{
    tokio::spawn(store.clone().continuously_delete_expired(tokio::time::Duration::from_secs(600)));
    let idle = time::Duration::try_from(config.session_idle).unwrap_or(time::Duration::hours(8));
    let sessions = SessionManagerLayer::new(store)
        .with_name(SESSION_COOKIE)
        .with_secure(config.secure_cookies())
        .with_http_only(true)
        // Lax: the cookie rides along on top-level navigations (links, the sign-in redirect)
        // but not on other sites' POSTs.
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(idle));
    let auth =
        AuthManagerLayerBuilder::new(Backend::new(db), sessions).with_data_key(crate::sessions::AUTH_DATA_KEY).build();
    let renew_after = (config.session_idle / 10).max(std::time::Duration::from_millis(100));
    let lifetime = config.session_max;
    router
        .layer(axum::middleware::from_fn(
            move |session: tower_sessions::Session, req: axum::extract::Request, next: axum::middleware::Next| {
                renew_session(session, renew_after, lifetime, req, next)
            },
        ))
        .layer(auth)
}

/// Keeps a session alive while it is used: the store only writes a session (and moves its
/// expiry to now + the idle time) when its data change, so without this a session would end
/// the idle time after sign-in however busy its user. Renewing at most every tenth of the idle
/// time costs one write per person and period, not one per request. Runs inside the sign-in
/// layer, which has already loaded the session: an unknown or expired one is empty here and
/// is not brought back.
///
/// It also ends a session `lifetime` after sign-in however busy it is (the sign-in time is
/// stored at sign-in, [`app::identity::auth::SIGNED_IN_AT`]); a session from before that key
/// existed counts from its first request. The sign-in layer has already read the user, so the
/// request's own `AuthSession` is signed out too and the request goes on as anonymous.
async fn renew_session(
    session: tower_sessions::Session,
    renew_after: std::time::Duration,
    lifetime: std::time::Duration,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !session.is_empty().await {
        let now = time::OffsetDateTime::now_utc();
        let now_ms = (now.unix_timestamp_nanos() / 1_000_000) as i64;
        match session.get::<i64>(app::identity::auth::SIGNED_IN_AT).await {
            Ok(Some(at)) if now_ms.saturating_sub(at) >= lifetime.as_millis() as i64 => {
                tracing::info!("session ended after its lifetime");
                if let Some(auth) = req.extensions_mut().get_mut::<app::identity::auth::AuthSession>() {
                    if let Err(error) = auth.logout().await {
                        tracing::warn!(%error, "could not end a session");
                    }
                } else if let Err(error) = session.flush().await {
                    tracing::warn!(%error, "could not end a session");
                }
                return next.run(req).await;
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => {
                if let Err(error) = session.insert(app::identity::auth::SIGNED_IN_AT, now_ms).await {
                    tracing::warn!(%error, "could not date a session");
                }
            }
        }
        let due = match session.get::<i64>(RENEWED_AT).await {
            Ok(Some(at)) => now_ms.saturating_sub(at) >= renew_after.as_millis() as i64,
            Ok(None) | Err(_) => true,
        };
        if due {
            if let Err(error) = session.insert(RENEWED_AT, now_ms).await {
                tracing::warn!(%error, "could not renew a session");
            }
        }
    }
    next.run(req).await
}
