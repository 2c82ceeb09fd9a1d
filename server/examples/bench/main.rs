//! The finding and re-scoring benchmarks (docs/benchmarks.md). One job a file:
//! - `data.rs`: fills a fresh SQLite database with realistic candidates through `server::seed`;
//! - `search.rs`: the search service and the list page's data, called in-process (server time,
//!   no HTTP: what a load tool cannot see);
//! - `load.rs`: the list page over HTTP, driven by `wrk` (Debian's package) with `list.lua`;
//! - `rescore.rs`: re-scoring a backlog onto a new model version (in-process, no HTTP).
//!
//! ```sh
//! cargo run --release -p server --example bench            # finding: data, search, load
//! cargo run --release -p server --example bench -- rescore # re-scoring instead
//! ```
//!
//! Sizes from the environment: `BENCH_ROWS` (100000), `BENCH_QUERIES` (400), `BENCH_SECONDS`
//! (10), `BENCH_CONNECTIONS` (32); `BENCH_KEEP=1` leaves the database behind (for
//! `EXPLAIN QUERY PLAN`) and says where; `BENCH_STATS=none|full` measures without planner
//! statistics or with a plain `ANALYZE` instead of those the server keeps.

mod data;
mod load;
mod rescore;
mod search;

use app::db::Db;
use std::time::{Duration, Instant};

/// The allocator of the `autoport` binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A size from the environment, or `default`.
fn setting(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text.parse().unwrap_or_else(|_| panic!("{name}={text} is not a number")),
        Err(_) => default,
    }
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let rescoring = match std::env::args().nth(1).as_deref() {
        None | Some("finding") => false,
        Some("rescore") => true,
        Some(other) => panic!("unknown job {other:?}: `finding` (the default) or `rescore`"),
    };
    let rows = setting("BENCH_ROWS", 100_000) as usize;
    if !rescoring {
        // Before minutes of generating: the load needs wrk.
        load::check_wrk().unwrap_or_else(|e| panic!("{e}"));
    }
    let dir = std::env::temp_dir().join(format!("autoport-bench-{}", std::process::id()));
    let url = format!("sqlite://{}/bench.db", dir.display());
    let db = Db::connect(&url).await.expect("database");
    db.migrate().await.expect("migrations");
    let started = Instant::now();
    eprintln!("generating {rows} candidates into {}", dir.display());
    let world = data::generate(&db, rows).await.expect("data");
    eprintln!("generated in {:.1} s", started.elapsed().as_secs_f64());
    if rescoring {
        rescore::run(&db, &world).await;
    } else {
        search::run(&db, &world, setting("BENCH_QUERIES", 400) as usize).await;
        let (seconds, connections) = (setting("BENCH_SECONDS", 10), setting("BENCH_CONNECTIONS", 32));
        load::run(&db, seconds, connections).await.unwrap_or_else(|e| panic!("load: {e}"));
    }
    db.close().await;
    if setting("BENCH_KEEP", 0) > 0 {
        eprintln!("kept {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
