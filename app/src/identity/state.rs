//! What every request handler and server function can reach (provided as Leptos context by
//! `leptos_routes`, as axum state by the router).

use crate::crypto::KeyRing;
use crate::db::Db;
use crate::identity::sso::oidc::Oidc;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// Keys for values encrypted at rest (see `crypto`).
    pub keys: Arc<KeyRing>,
    /// Single sign-on: HTTP client and discovery cache.
    pub oidc: Arc<Oidc>,
    /// The address people use, e.g. `https://autoport.example.dk` (no trailing slash).
    pub public_url: String,
    /// The largest attachment accepted, in bytes (`AUTOPORT_ATTACHMENT_MAX_MB`).
    pub attachment_max_bytes: u64,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
