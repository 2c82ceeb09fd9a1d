//! Logging: `RUST_LOG`-style filtering (default `info`), one span per request.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn,axum_login=warn"));
    // `try_init`: tests may have set a subscriber already.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}
