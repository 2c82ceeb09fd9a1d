//! `autoport`: serves the portal. Configuration from the environment (see README).

use leptos::config::get_configuration;
use server::config::{redact_url, Config};
use std::process::ExitCode;

/// mimalloc instead of glibc's allocator: the page render allocates a great deal (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    // A missing .env is normal; a broken one is worth a word.
    if let Err(error) = dotenvy::dotenv() {
        if !error.not_found() {
            eprintln!("warning: .env not read: {error}");
        }
    }
    server::telemetry::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        None | Some("serve") => run().await,
        Some("reencrypt") => reencrypt().await,
        Some("add-municipality") => add_municipality(&args[1..]).await,
        Some(other) => {
            Err(format!("unknown command {other:?}; commands: serve (default), reencrypt, add-municipality"))
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let leptos = get_configuration(None).map_err(|e| format!("Leptos configuration: {e}"))?;
    let options = leptos.leptos_options;
    let addr = options.site_addr;
    tracing::info!(database = %redact_url(&config.database_url), demo = config.demo, "starting");
    let (router, db) = server::build(&config, options).await.map_err(|e| e.to_string())?;
    let mail = server::mail::start(&config, db.clone())?;
    let imports = server::background::candidate_imports(db.clone(), std::time::Duration::from_secs(1));
    let statistics = server::background::planner_statistics(db.clone(), std::time::Duration::from_secs(3600));
    if config.demo {
        println!("\n{}", server::demo::login_hints());
    }
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("listening on http://{addr}");
    // The peer's address: sign-in throttling counts per client (see `http::client_ip`).
    axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    if let Some(mail) = mail {
        mail.stop(std::time::Duration::from_secs(30)).await;
    }
    imports.stop(std::time::Duration::from_secs(10)).await;
    statistics.stop(std::time::Duration::from_secs(10)).await;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Re-seals every encrypted value with the first key of AUTOPORT_DATA_KEYS (key rotation).
async fn reencrypt() -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let report = server::reencrypt(&config).await?;
    println!("{report}");
    Ok(())
}

/// Adds a member municipality and its first admin: how a new deployment gets its first people.
async fn add_municipality(args: &[String]) -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let request = server::admin::AddMunicipality::from_args(args)?;
    let report = server::admin::add_municipality(&config, request).await?;
    println!("{report}");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before the process ends.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
