//! Fresh databases per test, fixtures, and an in-process HTTP client.

use app::db::Db;
use app::identity::model::{Actor, Role};
use app::with_pool;
use server::seed::{self, Departments, Person};
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use time::OffsetDateTime;

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
    format!(
        "autoport_test_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A database this test created, migrated and will remove.
pub struct TestDb {
    pub db: Db,

    cleanup: Cleanup,
}

enum Cleanup {
    SqliteDir(PathBuf),
    Postgres { admin: sqlx::PgPool, name: String },
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(unique_name());
        let url = format!("sqlite://{}/autoport.db", dir.display());
        let db = Db::connect(&url).await.expect("sqlite test database");
        db.migrate().await.expect("sqlite migrations");
        TestDb { db, cleanup: Cleanup::SqliteDir(dir) }
    }

    /// `None` when TEST_DATABASE_URL is not set. It names a server and a database to connect
    /// to for CREATE DATABASE; the tests never touch any other database there.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())?;
        let admin = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect(&admin_url)
            .await
            .expect("TEST_DATABASE_URL reachable");
        let name = unique_name();
        // Dynamic DDL: the name is ours (digits and underscores), never user input.
        sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&admin).await.expect("create test database");
        let url = replace_database(&admin_url, &name);
        let db = Db::connect(&url).await.expect("postgres test database");
        db.migrate().await.expect("postgres migrations");
        Some(TestDb { db, cleanup: Cleanup::Postgres { admin, name } })
    }

    pub async fn remove(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::SqliteDir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin, name } => {
                let drop = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                if let Err(e) = sqlx::query(&drop).execute(&admin).await {
                    eprintln!("could not drop test database {name}: {e}");
                }
                admin.close().await;
            }
        }
    }
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Runs `test` against a fresh SQLite database, then a fresh PostgreSQL one when configured.
/// The database is removed even when the test fails.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    // Each database is made just before its run, so a failure leaves nothing behind.
    for postgres in [false, true] {
        let backend = if postgres {
            match TestDb::postgres().await {
                Some(pg) => pg,
                None => {
                    eprintln!("postgres: skipped (TEST_DATABASE_URL not set)");
                    continue;
                }
            }
        } else {
            TestDb::sqlite().await
        };
        let outcome = tokio::spawn(test(backend.db.clone())).await;
        let kind = format!("{:?}", backend.db.backend());
        backend.remove().await;
        if let Err(failure) = outcome {
            eprintln!("failed on {kind}");
            match failure.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("test task on {kind} did not finish: {e}"),
            }
        }
    }
}

pub const PASSWORD: &str = "correct horse battery staple";

/// Two municipalities, each with a department and one person per relevant role.
pub struct World {
    pub home: i64,
    pub other: i64,
    pub home_department: i64,
    pub other_department: i64,
    pub reporter: Actor,
    pub colleague: Actor,
    pub coordinator: Actor,
    pub municipality_admin: Actor,
    pub consortium_coordinator: Actor,
    pub other_reporter: Actor,
    pub other_coordinator: Actor,
}

pub async fn world(db: &Db) -> World {
    let hash = seed::password_hash(PASSWORD).expect("hash");
    let home = seed::municipality(db, "101", "Home Kommune").await.expect("municipality");
    let other = seed::municipality(db, "202", "Other Kommune").await.expect("municipality");
    let department = |m: i64, name: &'static str| async move {
        let mut tree = Departments::new();
        tree.top(name);
        tree.create(db, m).await.expect("department")[0]
    };
    let home_department = department(home, "Home Borgerservice").await;
    let other_department = department(other, "Other Borgerservice").await;
    let person = |email: &str, roles: &[Role]| Person::new(email).password_hash(&hash).roles(roles);
    let at_home: [Actor; 5] = seed::people(
        db,
        home,
        vec![
            person("reporter@home.test", &[Role::Reporter]),
            person("colleague@home.test", &[Role::Reporter]),
            person("coordinator@home.test", &[Role::Reporter, Role::Coordinator]),
            person("admin@home.test", &[Role::MunicipalityAdmin]),
            person("group@home.test", &[Role::ConsortiumCoordinator]),
        ],
    )
    .await
    .expect("people")
    .try_into()
    .expect("five");
    let [reporter, colleague, coordinator, municipality_admin, consortium_coordinator] = at_home;
    let [other_reporter, other_coordinator]: [Actor; 2] = seed::people(
        db,
        other,
        vec![
            person("reporter@other.test", &[Role::Reporter]),
            person("coordinator@other.test", &[Role::Reporter, Role::Coordinator]),
        ],
    )
    .await
    .expect("people")
    .try_into()
    .expect("two");
    World {
        home,
        other,
        home_department,
        other_department,
        reporter,
        colleague,
        coordinator,
        municipality_admin,
        consortium_coordinator,
        other_reporter,
        other_coordinator,
    }
}

pub async fn count_candidates(db: &Db) -> i64 {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM candidates").fetch_one(pool).await)
        .expect("count")
}

/// A quick report (40 a week, 15 minutes each) by `who`, as the report form sends it.
pub async fn report(db: &Db, who: &Actor, title: &str, visibility: app::candidates::model::Visibility) -> i64 {
    let form = app::candidates::model::CandidateForm {
        title: title.into(),
        description: "Typed by hand from one system into another.".into(),
        department_id: String::new(),
        volume: "40".into(),
        period: "week".into(),
        minutes_per_case: "15".into(),
        visibility: visibility.as_str().into(),
    };
    app::candidates::service::report(db, Some(who), &form, app::common::locale::Locale::En).await.expect("reported")
}
