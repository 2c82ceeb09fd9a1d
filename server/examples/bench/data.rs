//! The benchmark's data: 10 municipalities (12 departments in two levels each, 20 people each)
//! and candidates with titles and descriptions from Danish, German, Swedish and English
//! back-office words and system names, every phase, status and visibility, reported over three
//! years, with labels and followers. Written through `server::seed`, drawn from seeded
//! generators, so every run has the same data.

use app::candidates::activity::store as activity;
use app::candidates::model::{Period, Phase, Status, Visibility};
use app::db::Db;
use app::identity::model::{Actor, Role};
use server::seed::{self, Candidate, Departments, Person, Rng, SeedResult};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

pub const PASSWORD: &str = "benchmark-password";
/// Who the list page is loaded as: a reporter of the first municipality.
pub const SIGN_IN: &str = "user5@m0.bench";

/// Candidates written per transaction.
const CHUNK: usize = 10_000;

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
pub const OBJECTS: &[&str] = &[
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
pub const SYSTEMS: &[&str] = &[
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
pub const PHASES: &[Phase] = &[
    Phase::Idea,
    Phase::Assessment,
    Phase::Backlog,
    Phase::Analysis,
    Phase::Development,
    Phase::Testing,
    Phase::Operation,
    Phase::Retired,
];
pub const STATUSES: &[Status] = &[
    Status::Active,
    Status::Active,
    Status::Active,
    Status::Active,
    Status::OnHold,
    Status::Rejected,
    Status::Failed,
    Status::NoLongerRelevant,
];
pub const VISIBILITIES: &[Visibility] = &[
    Visibility::Private,
    Visibility::Municipality,
    Visibility::Municipality,
    Visibility::Consortium,
    Visibility::Consortium,
    Visibility::Public,
];
const PERIODS: &[Period] =
    &[Period::Day, Period::Week, Period::Week, Period::Month, Period::Month, Period::Quarter, Period::Year];
pub const SUBJECT_AREAS: &[&str] = &[
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
pub const TECHNOLOGIES: &[&str] = &["RPA", "OCR", "API", "Power Automate", "Machine learning", "Chatbot"];

pub struct World {
    /// (municipality id, department ids, people's ids)
    pub municipalities: Vec<(i64, Vec<i64>, Vec<i64>)>,
    pub reporter: Actor,
    pub coordinator: Actor,
    /// Every candidate's id, in the order written.
    pub candidates: Vec<i64>,
}

pub async fn generate(db: &Db, rows: usize) -> SeedResult<World> {
    let hash = seed::password_hash(PASSWORD)?;
    let now = OffsetDateTime::now_utc();
    let mut rng = Rng::new(2026);
    let mut municipalities = Vec::new();
    let names =
        ["Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle", "Roskilde", "Herning"];
    for (i, name) in names.iter().enumerate() {
        let m = seed::municipality(db, &format!("{}", 100 + i), &format!("{name} Kommune")).await?;
        let mut tree = Departments::new();
        for top in ["Borgerservice", "Økonomi", "Beskæftigelse", "Teknik og Miljø"] {
            let top = tree.top(top);
            tree.under(top, "Team A");
            tree.under(top, "Team B");
        }
        let departments = tree.create(db, m).await?;
        let people: Vec<Person> = (0..20)
            .map(|u| {
                let roles: &[Role] = match u {
                    0 => &[Role::Reporter, Role::Coordinator],
                    1 => &[Role::MunicipalityAdmin],
                    _ => &[Role::Reporter],
                };
                Person::new(&format!("user{u}@m{i}.bench"))
                    .named(&format!("Person {u} of {name}"))
                    .password_hash(&hash)
                    .roles(roles)
            })
            .collect();
        let people: Vec<i64> = seed::people(db, m, people).await?.into_iter().map(|a| a.user_id).collect();
        municipalities.push((m, departments, people));
    }
    // Labels and followers come from their own generator, so the candidates are the same as
    // in the measurements before labels existed.
    let mut extra = Rng::new(4711);
    let mut candidates = Vec::with_capacity(rows);
    let mut chunk = Vec::with_capacity(CHUNK);
    // Colleagues following, by the candidate's place in `chunk`.
    let mut colleagues = Vec::new();
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
        let volume = (rng.below(200) + 1) as f64;
        let period = rng.pick(PERIODS);
        let minutes = (rng.below(60) + 1) as f64;
        let mut candidate = Candidate::new(*m, reporter, &title)
            .description(&description)
            .department(department)
            .volume(volume, period, minutes)
            .phase(rng.pick(PHASES))
            .status(rng.pick(STATUSES))
            .visibility(rng.pick(VISIBILITIES))
            .reported_at(created);
        // Like the service: the reporter follows (the store does that), plus now and then a
        // colleague.
        if extra.below(4) == 0 {
            colleagues.push((chunk.len(), reporters[extra.below(reporters.len())]));
        }
        // Most records name a subject area and a system or two; some a technology.
        for _ in 0..extra.below(3) {
            candidate = candidate.label("subject_area", extra.pick(SUBJECT_AREAS));
        }
        for _ in 0..extra.below(4) {
            candidate = candidate.label("it_system", extra.pick(SYSTEMS));
        }
        if extra.below(3) == 0 {
            candidate = candidate.label("technology", extra.pick(TECHNOLOGIES));
        }
        chunk.push(candidate);
        if chunk.len() == CHUNK || n + 1 == rows {
            let ids = seed::candidates(db, std::mem::take(&mut chunk)).await?;
            for (place, user) in colleagues.drain(..) {
                activity::set_following(db, user, ids[place], true).await?;
            }
            candidates.extend(ids);
            eprintln!("  {} candidates", n + 1);
        }
    }
    refresh_statistics(db).await?;
    let (m, _, people) = &municipalities[0];
    Ok(World {
        reporter: Actor::new(people[5], *m, vec![Role::Reporter]),
        coordinator: Actor::new(people[0], *m, vec![Role::Reporter, Role::Coordinator]),
        municipalities,
        candidates,
    })
}

/// The planner statistics the server keeps (`Db::refresh_statistics`); `BENCH_STATS=none`
/// measures without any, `BENCH_STATS=full` with a plain `ANALYZE` (`sqlite_stat4` included).
async fn refresh_statistics(db: &Db) -> SeedResult<()> {
    let Db::Sqlite(pool) = db else { return Ok(()) };
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
    Ok(())
}
