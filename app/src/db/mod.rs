//! The database: SQLite (embedded default) or PostgreSQL (production), chosen from the
//! `DATABASE_URL` scheme at start.
//!
//! One concrete enum rather than `sqlx::Any` or a trait object: server functions cannot be
//! generic, and both drivers keep their native types. Queries whose SQL is the same in both
//! dialects run through [`with_pool!`], which expands the same code once per driver; where the
//! dialects differ, a domain's `store` module keeps one constant per backend.

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
pub static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got scheme {0:?})")]
    UnknownScheme(String),
    #[error("cannot create the data folder {path}: {source}")]
    DataFolder { path: String, source: std::io::Error },
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Runs the same expression against whichever pool `db` holds; inside, `$pool` is the
/// driver-specific pool. Only for SQL that both dialects accept as written.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

impl Db {
    /// Connects to `url`. A SQLite file (and its folder) is created when missing, in WAL mode
    /// with foreign keys enforced.
    pub async fn connect(url: &str) -> Result<Db, DbSetupError> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
                    // Reads straight from the OS page cache, shared by all connections, instead
                    // of copying pages into each connection's small cache (the list's searches
                    // touch many pages; docs/benchmarks.md).
                    .pragma("mmap_size", "268435456");
                let path = options.get_filename().to_path_buf();
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)
                        .map_err(|source| DbSetupError::DataFolder { path: parent.display().to_string(), source })?;
                }
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    // An embedded connection cannot lose its server, and sqlx's ping before
                    // every checkout is one more hand-off to the connection's thread and back
                    // per statement (docs/benchmarks.md). The ping on return stays.
                    .test_before_acquire(false)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?;
                Ok(Db::Sqlite(pool))
            }
            "postgres" | "postgresql" => {
                let options = PgConnectOptions::from_str(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?;
                Ok(Db::Postgres(pool))
            }
            other => Err(DbSetupError::UnknownScheme(other.to_owned())),
        }
    }

    /// Applies this backend's pending migrations. Safe to run from several nodes at once:
    /// sqlx takes an advisory lock on PostgreSQL.
    pub async fn migrate(&self) -> Result<(), DbSetupError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// A round trip to the database, for the readiness probe.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    /// Keeps the query planner's statistics current. SQLite gathers none by itself: without
    /// them the candidate list plans badly once a municipality has thousands of candidates (at
    /// 100,000, a list page took 30–45 ms of database time instead of under 1 ms, and some
    /// searches seconds; docs/benchmarks.md). A full `ANALYZE` (the sampled one of `PRAGMA
    /// optimize` misjudged the candidate indexes just as badly), then its `sqlite_stat4`
    /// histograms are dropped: with them SQLite prepares every statement whose parameters
    /// touch an indexed column again on each run, a third of the list page's CPU.
    /// `ANALYZE sqlite_schema` makes every connection reload the statistics. One transaction,
    /// so no connection ever plans with the histograms.
    /// PostgreSQL's autovacuum keeps its own statistics: nothing to do.
    pub async fn refresh_statistics(&self) -> Result<(), sqlx::Error> {
        match self {
            Db::Sqlite(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("ANALYZE").execute(&mut *tx).await?;
                sqlx::query("DELETE FROM sqlite_stat4").execute(&mut *tx).await?;
                sqlx::query("ANALYZE sqlite_schema").execute(&mut *tx).await?;
                tx.commit().await
            }
            Db::Postgres(_) => Ok(()),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn close(&self) {
        with_pool!(self, pool => pool.close().await)
    }
}
