//! The finding benchmark (docs/benchmarks.md): fills a fresh SQLite database with realistic
//! candidates, then measures
//!   (a) the search service's time per query (p50/p95/p99) over a few hundred different
//!       searches with filters, called directly (server time, no HTTP), and
//!   (b) the list page's throughput over HTTP: the real router with SSR, sessions and sign-in,
//!       served in-process on 127.0.0.1 and driven by keep-alive connections from tokio tasks.
//!
//! cargo run --release -p server --example bench -- [--rows 100000] [--queries 400]
//!     [--seconds 10] [--connections 32] [--keep 1] [--wrk 1]
//!
//! `--wrk 1` adds (c): the same two runs driven by `wrk` (Debian's package) as a separate
//! process, while this process only serves; its own CPU time over each run (from
//! `/proc/self/stat`) gives the server's CPU per answer, apart from the load client's.
//!
//! The planner statistics are those the server keeps (`Db::refresh_statistics`); for
//! comparison, `BENCH_STATS=none` measures without any and `BENCH_STATS=full` with a plain
//! `ANALYZE` (including the `sqlite_stat4` histograms).
//!
//! `--rescore 1` measures re-scoring instead (docs/benchmarks.md, "Re-scoring"): every
//! generated candidate assessed on version 1, a version 2 published, then the preview and the
//! apply of `scoring::rescore` for one municipality and for the consortium.
//!
//! No extra dependencies: a small seeded generator instead of `rand`, a minimal HTTP/1.1
//! client instead of a load tool, so the numbers are reproducible on any checkout.

use app::candidates::search::model::{encode_component, CandidateQuery};
use app::candidates::service;
use app::db::Db;
use app::identity::model::{Actor, Role};
use leptos::config::LeptosOptions;
use server::config::Config;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The allocator of the `autoport` binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PASSWORD: &str = "benchmark-password";

struct Args {
    rows: usize,
    queries: usize,
    seconds: u64,
    connections: usize,
    /// `--keep 1`: leave the database behind (for EXPLAIN QUERY PLAN) and say where.
    keep: bool,
    /// `--rescore 1`: measure re-scoring onto a new model version instead.
    rescore: bool,
    /// `--wrk 1`: also drive the list page with `wrk` from a separate process.
    wrk: bool,
}

fn args() -> Args {
    let mut a =
        Args { rows: 100_000, queries: 400, seconds: 10, connections: 32, keep: false, rescore: false, wrk: false };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for pair in argv.chunks(2) {
        let value = pair.get(1).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        match pair[0].as_str() {
            "--rows" => a.rows = value as usize,
            "--queries" => a.queries = value as usize,
            "--seconds" => a.seconds = value,
            "--connections" => a.connections = value as usize,
            "--keep" => a.keep = value > 0,
            "--rescore" => a.rescore = value > 0,
            "--wrk" => a.wrk = value > 0,
            other => eprintln!("ignoring {other}"),
        }
    }
    a
}

/// SplitMix64: deterministic, good enough to spread test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

// Words of municipal back-office work in Danish, German, Swedish and English.
const ACTIONS: &[&str] = &[
    "Registrering af",
    "Opdatering af",
    "Kontrol af",
    "Afstemning af",
    "Udsendelse af",
    "Behandling af",
    "Erfassung von",
    "Prüfung der",
    "Abgleich von",
    "Versand von",
    "Bearbeitung von",
    "Registrering av",
    "Kontroll av",
    "Avstämning av",
    "Utskick av",
    "Handläggning av",
    "Processing of",
    "Reconciliation of",
    "Checking of",
    "Sending of",
];
const OBJECTS: &[&str] = &[
    "sygemeldinger",
    "kreditorfakturaer",
    "adresseændringer",
    "boligstøtte",
    "påmindelser",
    "vikarer",
    "kørekort",
    "pas",
    "ydelser",
    "byggetilladelser",
    "Rechnungen",
    "Wohngeldanträge",
    "Meldebescheinigungen",
    "Straßenreinigung",
    "Gewerbeanmeldungen",
    "fakturor",
    "sjukanmälningar",
    "färdtjänst",
    "bygglov",
    "ansökningar",
    "invoices",
    "benefit claims",
    "address changes",
    "payroll corrections",
];
const SYSTEMS: &[&str] = &[
    "KMD Opus",
    "Fasit",
    "SAP",
    "Nexus",
    "DUBU",
    "NemRefusion",
    "CPR",
    "OS2",
    "Procapita",
    "Visma",
    "Ecos",
    "eDoc",
    "Excel",
    "Outlook",
    "Navision",
];
const FILLER: &[&str] = &[
    "Data tastes manuelt fra",
    "Oplysninger kopieres til",
    "Daten werden von Hand übertragen nach",
    "Uppgifter förs över för hand till",
    "Cases are typed by hand into",
    "Listen trækkes ugentligt fra",
    "Der Abgleich erfolgt täglich mit",
    "Kontrollen görs varje månad mot",
];
const PHASES: &[&str] =
    &["idea", "assessment", "backlog", "analysis", "development", "testing", "operation", "retired"];
const STATUSES: &[&str] =
    &["active", "active", "active", "active", "on_hold", "rejected", "failed", "no_longer_relevant"];
const VISIBILITIES: &[&str] = &["private", "municipality", "municipality", "consortium", "consortium", "public"];
const PERIODS: &[&str] = &["day", "week", "week", "month", "month", "quarter", "year"];
const SUBJECT_AREAS: &[&str] = &[
    "Borgerservice",
    "Økonomi",
    "Løn og personale",
    "Beskæftigelse",
    "Dagtilbud",
    "Skole",
    "Ældre",
    "Handicap",
    "Byggeri",
    "Miljø",
    "Trafik",
    "Sundhed",
    "Kultur",
    "Digitalisering",
    "Indkøb",
    "Jobcenter",
    "Ydelser",
    "Sagsbehandling",
    "Arkiv",
    "Kommunikation",
];
const TECHNOLOGIES: &[&str] = &["RPA", "OCR", "API", "Power Automate", "Machine learning", "Chatbot"];

struct World {
    /// (municipality id, department ids, reporter ids)
    municipalities: Vec<(i64, Vec<i64>, Vec<i64>)>,
    reporter: Actor,
    coordinator: Actor,
}

async fn generate(db: &Db, rows: usize) -> Result<World, sqlx::Error> {
    let Db::Sqlite(pool) = db else { return Err(sqlx::Error::Protocol("SQLite only".into())) };
    let hash = app::identity::auth::hash_password(PASSWORD).map_err(|_| sqlx::Error::Protocol("hash".into()))?;
    let now = OffsetDateTime::now_utc();
    let mut rng = Rng(2026);
    let mut tx = pool.begin().await?;
    let mut municipalities = Vec::new();
    let names =
        ["Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle", "Roskilde", "Herning"];
    for (i, name) in names.iter().enumerate() {
        let m: i64 =
            sqlx::query_scalar("INSERT INTO municipalities (code, name, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(format!("{}", 100 + i))
                .bind(format!("{name} Kommune"))
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
        let mut departments = Vec::new();
        for top in ["Borgerservice", "Økonomi", "Beskæftigelse", "Teknik og Miljø"] {
            let d: i64 = sqlx::query_scalar("INSERT INTO departments (municipality_id, name, created_at, path) VALUES ($1, $2, $3, '') RETURNING id")
                .bind(m).bind(top).bind(now).fetch_one(&mut *tx).await?;
            sqlx::query("UPDATE departments SET path = $1 WHERE id = $2")
                .bind(format!("/{d}/"))
                .bind(d)
                .execute(&mut *tx)
                .await?;
            departments.push(d);
            for sub in ["Team A", "Team B"] {
                let s: i64 = sqlx::query_scalar("INSERT INTO departments (municipality_id, parent_id, name, created_at, path) VALUES ($1, $2, $3, $4, '') RETURNING id")
                    .bind(m).bind(d).bind(sub).bind(now).fetch_one(&mut *tx).await?;
                sqlx::query("UPDATE departments SET path = $1 WHERE id = $2")
                    .bind(format!("/{d}/{s}/"))
                    .bind(s)
                    .execute(&mut *tx)
                    .await?;
                departments.push(s);
            }
        }
        let mut reporters = Vec::new();
        for u in 0..20 {
            let roles: &[&str] = match u {
                0 => &["reporter", "coordinator"],
                1 => &["municipality_admin"],
                _ => &["reporter"],
            };
            let id: i64 = sqlx::query_scalar("INSERT INTO users (municipality_id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .bind(m).bind(format!("user{u}@m{i}.bench")).bind(format!("Person {u} of {name}")).bind(&hash).bind(now)
                .fetch_one(&mut *tx).await?;
            for role in roles {
                sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                    .bind(id)
                    .bind(*role)
                    .execute(&mut *tx)
                    .await?;
            }
            reporters.push(id);
        }
        municipalities.push((m, departments, reporters));
    }
    let insert = "INSERT INTO candidates (municipality_id, department_id, reporter_id, title, description, volume, \
                  period, minutes_per_case, phase, status, visibility, created_at, updated_at) \
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id";
    let label = "INSERT INTO candidate_labels (candidate_id, kind, label) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
    let follow = "INSERT INTO follows (user_id, candidate_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
    // Labels and followers come from their own generator, so the candidates are the same as
    // in the measurements before labels existed.
    let mut extra = Rng(4711);
    for n in 0..rows {
        let (m, departments, reporters) = &municipalities[rng.below(municipalities.len())];
        let department = (rng.below(10) > 0).then(|| departments[rng.below(departments.len())]);
        let title = format!("{} {} i {}", rng.pick(ACTIONS), rng.pick(OBJECTS), rng.pick(SYSTEMS));
        let description = format!(
            "{} {}. {} {} — {} {}.",
            rng.pick(FILLER),
            rng.pick(SYSTEMS),
            rng.pick(ACTIONS),
            rng.pick(OBJECTS),
            rng.pick(FILLER),
            rng.pick(SYSTEMS)
        );
        let created = now - Duration::from_secs((rng.below(3 * 365 * 24) as u64) * 3600);
        let reporter = reporters[rng.below(reporters.len())];
        let id: i64 = sqlx::query_scalar(insert)
            .bind(m)
            .bind(department)
            .bind(reporter)
            .bind(title)
            .bind(description)
            .bind((rng.below(200) + 1) as f64)
            .bind(rng.pick(PERIODS))
            .bind((rng.below(60) + 1) as f64)
            .bind(rng.pick(PHASES))
            .bind(rng.pick(STATUSES))
            .bind(rng.pick(VISIBILITIES))
            .bind(created)
            .fetch_one(&mut *tx)
            .await?;
        // Like the service: the reporter follows, plus now and then a colleague.
        let followers = [Some(reporter), (extra.below(4) == 0).then(|| reporters[extra.below(reporters.len())])];
        for user in followers.into_iter().flatten() {
            sqlx::query(follow).bind(user).bind(id).bind(created).execute(&mut *tx).await?;
        }
        // Most records name a subject area and a system or two; some a technology.
        let mut labels: Vec<(&str, &str)> = Vec::new();
        for _ in 0..extra.below(3) {
            labels.push(("subject_area", extra.pick(SUBJECT_AREAS)));
        }
        for _ in 0..extra.below(4) {
            labels.push(("it_system", extra.pick(SYSTEMS)));
        }
        if extra.below(3) == 0 {
            labels.push(("technology", extra.pick(TECHNOLOGIES)));
        }
        for (kind, text) in labels {
            sqlx::query(label).bind(id).bind(kind).bind(text).execute(&mut *tx).await?;
        }
        if n % 20_000 == 19_999 {
            eprintln!("  {} candidates", n + 1);
        }
    }
    tx.commit().await?;
    match std::env::var("BENCH_STATS").as_deref() {
        Ok("none") => {}
        Ok("full") => {
            sqlx::query("ANALYZE").execute(pool).await?;
        }
        _ => {
            let started = Instant::now();
            db.refresh_statistics().await?;
            eprintln!("Db::refresh_statistics took {:.2} s", started.elapsed().as_secs_f64());
        }
    }
    let stat1: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_stat1").fetch_one(pool).await.unwrap_or(-1);
    let stat4: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_stat4").fetch_one(pool).await.unwrap_or(-1);
    eprintln!("planner statistics: {stat1} sqlite_stat1 rows, {stat4} sqlite_stat4 rows");
    let (m, _, reporters) = &municipalities[0];
    Ok(World {
        reporter: Actor::new(reporters[5], *m, vec![Role::Reporter]),
        coordinator: Actor::new(reporters[0], *m, vec![Role::Reporter, Role::Coordinator]),
        municipalities,
    })
}

/// Re-scoring (docs/benchmarks.md, "Re-scoring"): every candidate assessed on version 1, then a
/// version 2 with a heavier criterion and a new one the record answers (handling minutes), so
/// every candidate can be re-scored; the preview and the apply timed for the first municipality
/// and then for the consortium's shared candidates.
async fn rescore(db: &Db, world: &World) {
    use app::scoring::compute::{self, Answer, Answers};
    use app::scoring::default_model;
    use app::scoring::model::Cause;
    use app::scoring::model::{Axis, Band, Criterion, Kind, Scope, Source, Translated};
    use app::scoring::rescore::service as rescore;
    use app::scoring::store::{self, NewAssessment};

    let ids: Vec<i64> =
        app::with_pool!(db, pool => sqlx::query_scalar("SELECT id FROM candidates ORDER BY id").fetch_all(pool).await)
            .expect("ids");
    store::latest_version(db).await.expect("version 1");
    let v1 = default_model::definition();
    let answers: Vec<Answers> = ids
        .iter()
        .map(|id| {
            v1.criteria
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let answer = match &c.kind {
                        Kind::Scale { .. } => Answer::Number((2 + (id + i as i64) % 4) as f64),
                        Kind::YesNo { .. } => Answer::Yes(true),
                        Kind::Number { bands, .. } => Answer::Number(bands[(*id as usize + i) % bands.len()].min),
                    };
                    (c.key.clone(), answer)
                })
                .collect()
        })
        .collect();
    let scores: Vec<compute::Score> = answers.iter().map(|a| compute::score(&v1, a).expect("scores")).collect();
    let by = world.coordinator.user_id;
    let new: Vec<NewAssessment<'_>> = ids
        .iter()
        .zip(answers.iter().zip(&scores))
        .map(|(id, (answers, score))| NewAssessment {
            candidate_id: *id,
            model_version: 1,
            answers,
            score,
            cause: Cause::Answers,
            note: None,
            by,
            replaces: None,
        })
        .collect();
    let started = Instant::now();
    store::insert_assessments(db, &new).await.expect("assessed");
    println!("assessed {} candidates on version 1 in bulk: {}", ids.len(), ms(started.elapsed()));

    let tr = |en: &str| Translated { en: en.into(), ..Translated::default() };
    let mut v2 = v1.clone();
    if let Some(c) = v2.criteria.iter_mut().find(|c| c.key == "benefit") {
        c.weight = 9.0;
    }
    v2.criteria.push(Criterion {
        key: "short_cases".into(),
        label: tr("Short cases"),
        help: tr(""),
        axis: Axis::Feasibility,
        kind: Kind::Number {
            unit: tr("minutes"),
            bands: vec![Band { min: 0.0, points: 5 }, Band { min: 10.0, points: 3 }, Band { min: 30.0, points: 1 }],
        },
        weight: 2.0,
        ko: false,
        prefill: Some(Source::HandlingMinutes),
    });
    store::publish(db, &v2, "bench", by).await.expect("version 2");

    let group = Actor::new(by, world.coordinator.municipality_id, vec![Role::ConsortiumCoordinator]);
    for (label, actor, scope) in
        [("municipality", &world.coordinator, Scope::Municipality), ("consortium", &group, Scope::Consortium)]
    {
        let started = Instant::now();
        let preview = rescore::preview(db, Some(actor), scope).await.expect("preview");
        let previewed = started.elapsed();
        let started = Instant::now();
        let applied = rescore::apply(db, Some(actor), scope, preview.target_version).await.expect("applied");
        println!(
            "re-score {label}: {} assessed, preview {}, apply {} ({} re-scored, {} need answers)",
            preview.assessed,
            ms(previewed),
            ms(started.elapsed()),
            applied.rescored,
            applied.needs_answers
        );
    }
}

/// Different searches: words (whole and started), filters, orders, later pages.
fn queries(world: &World, n: usize) -> Vec<String> {
    let mut rng = Rng(7);
    // The filters added later draw from their own generator: the queries above stay the same.
    let mut extra = Rng(8);
    let words: Vec<&str> = OBJECTS.iter().chain(SYSTEMS).flat_map(|s| s.split(' ')).collect();
    (0..n)
        .map(|i| {
            let mut q = Vec::new();
            match i % 4 {
                0 => q.push(format!("q={}", rng.pick(&words))),
                1 => {
                    let word = rng.pick(&words);
                    q.push(format!("q={}+{}", rng.pick(&words), word.chars().take(4).collect::<String>()));
                }
                2 => q.push(format!("q={}", rng.pick(&words))),
                _ => {}
            }
            if rng.below(2) == 0 {
                q.push(format!("phase={}&phase={}", rng.pick(PHASES), rng.pick(PHASES)));
            }
            if rng.below(4) == 0 {
                q.push(format!("status={}", rng.pick(STATUSES)));
            }
            if rng.below(4) == 0 {
                let (_, departments, _) = &world.municipalities[0];
                q.push(format!("department={}", departments[rng.below(departments.len())]));
            }
            if rng.below(5) == 0 {
                q.push(format!("municipality={}", world.municipalities[rng.below(world.municipalities.len())].0));
            }
            if rng.below(6) == 0 {
                q.push(format!("visibility={}", rng.pick(VISIBILITIES)));
            }
            if rng.below(8) == 0 {
                q.push("mine=1".into());
            }
            if rng.below(6) == 0 {
                q.push("from=2025-01-01&to=2025-12-31".into());
            }
            if extra.below(8) == 0 {
                q.push(format!("subject={}", encode_component(extra.pick(SUBJECT_AREAS))));
            }
            if extra.below(8) == 0 {
                q.push(format!("system={}", encode_component(extra.pick(SYSTEMS))));
            }
            if extra.below(10) == 0 {
                q.push(format!("technology={}", encode_component(extra.pick(TECHNOLOGIES))));
            }
            if extra.below(10) == 0 {
                q.push("followed=1".into());
            }
            q.push(format!("sort={}", rng.pick(&["relevance", "newest", "oldest", "title", "hours"])));
            if rng.below(5) == 0 {
                q.push(format!("page={}", rng.below(4) + 2));
            }
            q.join("&")
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

async fn search_times(db: &Db, world: &World, list: &[String]) -> Vec<Duration> {
    let actors = [Some(&world.reporter), Some(&world.coordinator), None];
    let mut times = Vec::with_capacity(list.len());
    for (i, raw) in list.iter().enumerate() {
        let (query, notes) = CandidateQuery::parse(raw);
        let started = Instant::now();
        let found = service::search(db, actors[i % actors.len()], query, notes).await;
        times.push(started.elapsed());
        if let Err(e) = found {
            panic!("search {raw} failed: {e:?}");
        }
    }
    times
}

/// One keep-alive connection: sends GETs one after another until `until`, reading each answer
/// whole (Content-Length or chunked). Returns (answers, failures).
async fn drive(addr: std::net::SocketAddr, cookie: String, paths: Vec<String>, until: Instant) -> (u64, u64) {
    let Ok(mut stream) = TcpStream::connect(addr).await else { return (0, 1) };
    let _ = stream.set_nodelay(true);
    let (mut ok, mut failed) = (0, 0);
    let mut buf = Vec::with_capacity(256 * 1024);
    let mut i = 0;
    while Instant::now() < until {
        let path = &paths[i % paths.len()];
        i += 1;
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nAccept: text/html\r\n\r\n");
        if stream.write_all(request.as_bytes()).await.is_err() {
            return (ok, failed + 1);
        }
        match read_response(&mut stream, &mut buf).await {
            Some(200) => ok += 1,
            Some(_) => failed += 1,
            None => return (ok, failed + 1),
        }
    }
    (ok, failed)
}

/// Reads one HTTP/1.1 response; returns its status.
async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<u16> {
    buf.clear();
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        read_more(stream, buf).await?;
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let status: u16 = head.split(' ').nth(1)?.parse().ok()?;
    if let Some(len) =
        head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse::<usize>().ok())
    {
        while buf.len() < head_end + len {
            read_more(stream, buf).await?;
        }
    } else if head.contains("transfer-encoding: chunked") {
        // Chunks until the zero-length one and its empty trailer.
        while !buf[head_end..].windows(5).any(|w| w == b"0\r\n\r\n") {
            read_more(stream, buf).await?;
        }
    }
    Some(status)
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 64 * 1024];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => None,
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            Some(())
        }
    }
}

/// CPU time of this process so far (user + system, all threads), from `/proc/self/stat`.
fn own_cpu() -> std::io::Result<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    // Fields after the command name (which may contain spaces) in parentheses.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name and
    // state. Linux reports them in USER_HZ, which is 100 on every architecture it supports.
    Ok(Duration::from_millis((ticks(11) + ticks(12)) * 10))
}

/// Drives `paths` with `wrk` (2 threads) for `seconds` after a 2 s warm-up, in a separate
/// process; returns wrk's rate and this process's CPU per answer while it served them.
fn with_wrk(
    addr: std::net::SocketAddr,
    cookie: &str,
    paths: &[String],
    dir: &std::path::Path,
    seconds: u64,
    connections: usize,
) -> Result<String, String> {
    let script = dir.join("paths.lua");
    let list: Vec<String> = paths.iter().map(|p| format!("{p:?}")).collect();
    std::fs::write(
        &script,
        format!(
            "local paths = {{{}}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  \
             return wrk.format(\"GET\", paths[i])\nend\n",
            list.join(", ")
        ),
    )
    .map_err(|e| e.to_string())?;
    let run = |secs: u64| {
        std::process::Command::new("wrk")
            .args(["-t", "2", "-c", &connections.to_string(), "-d", &format!("{secs}s")])
            .args(["-H", &format!("Cookie: {cookie}"), "-H", "Accept: text/html", "-s"])
            .arg(&script)
            .arg(format!("http://{addr}"))
            .output()
            .map_err(|e| format!("wrk: {e}"))
    };
    run(2)?;
    let before = own_cpu().map_err(|e| e.to_string())?;
    let output = run(seconds)?;
    let cpu = own_cpu().map_err(|e| e.to_string())? - before;
    let text = String::from_utf8_lossy(&output.stdout);
    let number = |prefix: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(prefix))
            .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
    };
    let rate = number("Requests/sec:").ok_or_else(|| format!("no rate in wrk's output: {text}"))?;
    if text.contains("Non-2xx") {
        return Err(format!("non-2xx answers: {text}"));
    }
    let answers = text
        .lines()
        .find_map(|l| l.trim().split_once(" requests in ").and_then(|(n, _)| n.parse::<f64>().ok()))
        .ok_or_else(|| format!("no count in wrk's output: {text}"))?;
    let per_answer = cpu.as_secs_f64() * 1000.0 / answers;
    Ok(format!(
        "{rate:.0} requests/s (wrk on the same 2 cores); server CPU {per_answer:.3} ms per answer \
         = {:.0} answers/s on 2 cores of its own",
        2000.0 / per_answer
    ))
}

async fn sign_in(addr: std::net::SocketAddr, email: &str) -> Option<String> {
    let body = format!("email={}&password={PASSWORD}", email.replace('@', "%40"));
    let mut stream = TcpStream::connect(addr).await.ok()?;
    let request = format!(
        "POST /fn/identity/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut buf = Vec::new();
    read_response(&mut stream, &mut buf).await?;
    let head = String::from_utf8_lossy(&buf).into_owned();
    head.lines()
        .filter_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))
        .find(|c| c.starts_with(server::SESSION_COOKIE))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
}

#[tokio::main]
async fn main() {
    let a = args();
    let dir = std::env::temp_dir().join(format!("autoport-bench-{}", std::process::id()));
    let url = format!("sqlite://{}/bench.db", dir.display());
    let db = Db::connect(&url).await.expect("database");
    db.migrate().await.expect("migrations");
    let started = Instant::now();
    eprintln!("generating {} candidates into {}", a.rows, dir.display());
    let world = generate(&db, a.rows).await.expect("data");
    eprintln!("generated in {:.1} s", started.elapsed().as_secs_f64());
    if a.rescore {
        rescore(&db, &world).await;
        db.close().await;
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }

    // (a) the search service.
    let list = queries(&world, a.queries);
    search_times(&db, &world, &list[..list.len().min(50)]).await; // warm the page cache
    let mut times = search_times(&db, &world, &list).await;
    times.sort();
    println!("search service, {} different queries (3 callers: reporter, coordinator, visitor):", times.len());
    println!(
        "  p50 {}   p95 {}   p99 {}   max {}",
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0))
    );
    let slowest: Vec<(Duration, &String)> = {
        let mut pairs: Vec<(Duration, &String)> =
            search_times(&db, &world, &list).await.into_iter().zip(&list).collect();
        pairs.sort_by_key(|p| std::cmp::Reverse(p.0));
        pairs.into_iter().take(5).collect()
    };
    for (t, q) in slowest {
        println!("  slow: {} {q}", ms(t));
    }

    // Between (a) and (b): everything the list page asks the database for (the page of
    // results, its count, departments, municipalities, label suggestions), without HTTP or SSR.
    for raw in ["", "status=active&sort=hours"] {
        let mut view_times = Vec::new();
        for _ in 0..200 {
            let started = Instant::now();
            service::list_view(&db, Some(&world.reporter), raw).await.expect("list view");
            view_times.push(started.elapsed());
        }
        view_times.sort();
        println!(
            "list page's data (service::list_view {raw:?}, reporter): p50 {}   p95 {}",
            ms(percentile(&view_times, 0.50)),
            ms(percentile(&view_times, 0.95))
        );
    }

    // (b) the list page over HTTP.
    let config = Config::from_lookup(|_| None).expect("config");
    let options = LeptosOptions::builder().output_name("autoport").build();
    let router = server::router(&config, options, db.clone()).expect("router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("listen");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router.into_make_service()).await });
    let cookie = sign_in(addr, "user5@m0.bench").await.expect("signed in");
    let paths: Vec<String> =
        ["", "?page=2", "?phase=idea&phase=backlog", "?sort=title", "?q=faktura", "?status=active&sort=hours"]
            .iter()
            .map(|q| format!("/candidates{q}"))
            .collect();
    for (label, paths) in
        [("list page, mixed filters", paths.clone()), ("list page, plain /candidates", vec![paths[0].clone()])]
    {
        // Warm-up, then the measured run.
        let until = Instant::now() + Duration::from_secs(2);
        let _ = tokio::spawn(drive(addr, cookie.clone(), paths.clone(), until)).await;
        let until = Instant::now() + Duration::from_secs(a.seconds);
        let begun = Instant::now();
        let tasks: Vec<_> =
            (0..a.connections).map(|_| tokio::spawn(drive(addr, cookie.clone(), paths.clone(), until))).collect();
        let (mut ok, mut failed) = (0, 0);
        for t in tasks {
            let (o, f) = t.await.unwrap_or((0, 1));
            ok += o;
            failed += f;
        }
        let secs = begun.elapsed().as_secs_f64();
        println!(
            "{label}: {:.0} requests/s over {:.1} s, {} connections, signed in ({ok} answers, {failed} failed)",
            ok as f64 / secs,
            secs,
            a.connections
        );
    }
    if a.wrk {
        for (label, paths) in
            [("list page, mixed filters", paths.clone()), ("list page, plain /candidates", vec![paths[0].clone()])]
        {
            match with_wrk(addr, &cookie, &paths, &dir, a.seconds, a.connections) {
                Ok(line) => println!("{label}, wrk: {line}"),
                Err(error) => println!("{label}, wrk: not measured ({error})"),
            }
        }
    }
    db.close().await;
    if a.keep {
        eprintln!("kept {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
