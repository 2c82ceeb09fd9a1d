//! The demo consortium: three municipalities with departments, one user per role and a dozen
//! realistic candidates. Loaded only into an empty database, only when `AUTOPORT_DEMO=1`.

use app::db::Db;
use app::with_pool;
use time::OffsetDateTime;

/// Every demo user's password. Demo mode only; never set `AUTOPORT_DEMO` in production.
pub const DEMO_PASSWORD: &str = "autoport-demo";

struct Municipality {
    code: &'static str,
    name: &'static str,
    /// (department, parent department or "")
    departments: &'static [(&'static str, &'static str)],
}

const MUNICIPALITIES: &[Municipality] = &[
    Municipality {
        code: "751",
        name: "Aarhus Kommune",
        departments: &[
            ("Borgerservice", ""),
            ("Pas og kørekort", "Borgerservice"),
            ("Sociale Forhold og Beskæftigelse", ""),
            ("Ydelsesservice", "Sociale Forhold og Beskæftigelse"),
            ("Økonomi", ""),
            ("Løn og personale", "Økonomi"),
        ],
    },
    Municipality {
        code: "461",
        name: "Odense Kommune",
        departments: &[
            ("Borgerservice", ""),
            ("Beskæftigelse", ""),
            ("Jobcenter", "Beskæftigelse"),
            ("Økonomi og Personale", ""),
        ],
    },
    Municipality {
        code: "706",
        name: "Syddjurs Kommune",
        departments: &[("Borgerservice", ""), ("Økonomi", ""), ("Kreditorbogholderi", "Økonomi")],
    },
];

pub struct DemoUser {
    pub email: &'static str,
    pub name: &'static str,
    pub municipality: &'static str,
    pub roles: &'static [&'static str],
}

pub const USERS: &[DemoUser] = &[
    DemoUser { email: "anna@aarhus.demo", name: "Anna Holm", municipality: "751", roles: &["reporter"] },
    DemoUser {
        email: "kim@aarhus.demo",
        name: "Kim Vestergaard",
        municipality: "751",
        roles: &["reporter", "coordinator"],
    },
    DemoUser {
        email: "mads@aarhus.demo",
        name: "Mads Bruun",
        municipality: "751",
        roles: &["reporter", "municipality_admin"],
    },
    DemoUser { email: "olga@odense.demo", name: "Olga Lund", municipality: "461", roles: &["reporter"] },
    DemoUser {
        email: "otto@odense.demo",
        name: "Otto Friis",
        municipality: "461",
        roles: &["reporter", "coordinator"],
    },
    DemoUser {
        email: "sara@syddjurs.demo",
        name: "Sara Dahl",
        municipality: "706",
        roles: &["reporter", "coordinator"],
    },
    DemoUser {
        email: "carla@consortium.demo",
        name: "Carla Nissen",
        municipality: "461",
        roles: &["reporter", "consortium_coordinator"],
    },
    DemoUser {
        email: "admin@consortium.demo",
        name: "Ida Consortium",
        municipality: "751",
        roles: &["consortium_admin"],
    },
];

struct DemoCandidate {
    municipality: &'static str,
    department: &'static str,
    reporter: &'static str,
    title: &'static str,
    description: &'static str,
    volume: f64,
    period: &'static str,
    minutes: f64,
    phase: &'static str,
    visibility: &'static str,
}

const CANDIDATES: &[DemoCandidate] = &[
    DemoCandidate {
        municipality: "751", department: "Ydelsesservice", reporter: "anna@aarhus.demo",
        title: "Opdatering af adresser ved flytning",
        description: "Flytninger fra CPR tastes manuelt ind i ydelsessystemet. Reglen er fast: ny adresse og dato overføres, sagen noteres.",
        volume: 120.0, period: "week", minutes: 6.0, phase: "backlog", visibility: "consortium",
    },
    DemoCandidate {
        municipality: "751", department: "Løn og personale", reporter: "kim@aarhus.demo",
        title: "Oprettelse af vikarer i lønsystemet",
        description: "Vikarer oprettes ud fra en Excel-skabelon fra skolerne. Data er strukturerede, men kontrol af overenskomst sker i hånden.",
        volume: 35.0, period: "month", minutes: 25.0, phase: "analysis", visibility: "municipality",
    },
    DemoCandidate {
        municipality: "751", department: "Pas og kørekort", reporter: "anna@aarhus.demo",
        title: "Påmindelser om udløbne pas",
        description: "Borgere med pas, der udløber inden for tre måneder, får et brev. Listen trækkes og flettes manuelt hver uge.",
        volume: 1.0, period: "week", minutes: 90.0, phase: "idea", visibility: "public",
    },
    DemoCandidate {
        municipality: "751", department: "Økonomi", reporter: "mads@aarhus.demo",
        title: "Afstemning af bankkonti",
        description: "Daglig afstemning af bankposteringer mod økonomisystemet; afvigelser over 100 kr. undersøges.",
        volume: 1.0, period: "day", minutes: 45.0, phase: "development", visibility: "private",
    },
    DemoCandidate {
        municipality: "461", department: "Jobcenter", reporter: "olga@odense.demo",
        title: "Registrering af sygemeldinger fra arbejdsgivere",
        description: "Sygemeldinger modtages via NemRefusion og registreres i fagsystemet. Regelbaseret, men 10 % har mangler.",
        volume: 60.0, period: "day", minutes: 4.0, phase: "assessment", visibility: "consortium",
    },
    DemoCandidate {
        municipality: "461", department: "Økonomi og Personale", reporter: "otto@odense.demo",
        title: "Bogføring af kreditorfakturaer uden indkøbsordre",
        description: "Fakturaer uden ordrenummer konteres ud fra leverandør og tidligere konteringer.",
        volume: 900.0, period: "month", minutes: 3.0, phase: "operation", visibility: "public",
    },
    DemoCandidate {
        municipality: "461", department: "Borgerservice", reporter: "olga@odense.demo",
        title: "Tidsbestilling og påmindelser",
        description: "Borgere ringer for at flytte tider; påmindelser sendes manuelt dagen før.",
        volume: 40.0, period: "day", minutes: 3.0, phase: "idea", visibility: "municipality",
    },
    DemoCandidate {
        municipality: "706", department: "Kreditorbogholderi", reporter: "sara@syddjurs.demo",
        title: "Kontrol af dobbeltbetalinger",
        description: "Ugentlig kontrol af udbetalinger for dubletter på tværs af to økonomisystemer.",
        volume: 1.0, period: "week", minutes: 120.0, phase: "testing", visibility: "consortium",
    },
    DemoCandidate {
        municipality: "706", department: "Borgerservice", reporter: "sara@syddjurs.demo",
        title: "Behandling af ansøgninger om boligstøtte",
        description: "Oplysninger fra ansøgningen tjekkes mod indkomstregistret før sagen sendes videre.",
        volume: 30.0, period: "week", minutes: 20.0, phase: "idea", visibility: "municipality",
    },
    DemoCandidate {
        municipality: "461", department: "Jobcenter", reporter: "carla@consortium.demo",
        title: "Indkaldelse til samtaler efter fast kadence",
        description: "Ledige indkaldes hver tredje måned; indkaldelser dannes og sendes manuelt fra fagsystemet.",
        volume: 250.0, period: "month", minutes: 5.0, phase: "backlog", visibility: "consortium",
    },
];

const COUNT_MUNICIPALITIES: &str = "SELECT COUNT(*) FROM municipalities";
const INSERT_MUNICIPALITY: &str =
    "INSERT INTO municipalities (code, name, created_at) VALUES ($1, $2, $3) RETURNING id";
const INSERT_DEPARTMENT: &str =
    "INSERT INTO departments (municipality_id, parent_id, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
/// The materialised path (`/3/7/`) that policy's department limits read; see migration 5.
const SET_DEPARTMENT_PATH: &str = "UPDATE departments SET path = $1 WHERE id = $2";
const INSERT_USER: &str = "INSERT INTO users (municipality_id, email, display_name, password_hash, created_at) \
     VALUES ($1, $2, $3, $4, $5) RETURNING id";
const INSERT_ROLE: &str = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)";
const INSERT_CANDIDATE: &str = "INSERT INTO candidates (municipality_id, department_id, reporter_id, title, \
       description, volume, period, minutes_per_case, phase, visibility, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id";
/// What reporting writes beside the candidate (see `candidates::store::insert`): the open phase
/// stay, the "created" audit event and the reporter as follower.
const INSERT_PHASE_STAY: &str = "INSERT INTO candidate_phases (candidate_id, phase, entered_at) VALUES ($1, $2, $3)";
const INSERT_CREATED: &str = "INSERT INTO audit_events (candidate_id, actor_id, at, field, old_value, new_value) \
     VALUES ($1, $2, $3, 'created', NULL, $4)";
const INSERT_FOLLOW: &str = "INSERT INTO follows (user_id, candidate_id, created_at) VALUES ($1, $2, $3)";

/// Loads the demo into an empty database, in one transaction; does nothing otherwise.
/// Returns whether it loaded.
pub async fn load_if_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let existing: i64 = with_pool!(db, pool => sqlx::query_scalar(COUNT_MUNICIPALITIES).fetch_one(pool).await)?;
    if existing > 0 {
        return Ok(false);
    }
    let hash = app::identity::auth::hash_password(DEMO_PASSWORD)
        .map_err(|_| sqlx::Error::Protocol("cannot hash the demo password".into()))?;
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let now = OffsetDateTime::now_utc();
        let mut municipality_ids = std::collections::HashMap::new();
        let mut department_ids = std::collections::HashMap::new();
        let mut department_paths: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
        for m in MUNICIPALITIES {
            let id: i64 = sqlx::query_scalar(INSERT_MUNICIPALITY).bind(m.code).bind(m.name).bind(now)
                .fetch_one(&mut *tx).await?;
            municipality_ids.insert(m.code, id);
            for (name, parent) in m.departments {
                let parent_id = (!parent.is_empty()).then(|| department_ids.get(&(m.code, *parent)).copied()).flatten();
                let dept: i64 = sqlx::query_scalar(INSERT_DEPARTMENT).bind(id).bind(parent_id).bind(*name).bind(now)
                    .fetch_one(&mut *tx).await?;
                let parent_path = parent_id.and_then(|p| department_paths.get(&p).cloned()).unwrap_or_else(|| "/".to_owned());
                let path = format!("{parent_path}{dept}/");
                sqlx::query(SET_DEPARTMENT_PATH).bind(&path).bind(dept).execute(&mut *tx).await?;
                department_paths.insert(dept, path);
                department_ids.insert((m.code, *name), dept);
            }
        }
        let mut user_ids = std::collections::HashMap::new();
        for u in USERS {
            let id: i64 = sqlx::query_scalar(INSERT_USER)
                .bind(municipality_ids.get(u.municipality).copied())
                .bind(u.email).bind(u.name).bind(&hash).bind(now)
                .fetch_one(&mut *tx).await?;
            for role in u.roles {
                sqlx::query(INSERT_ROLE).bind(id).bind(*role).execute(&mut *tx).await?;
            }
            user_ids.insert(u.email, id);
        }
        // Spread the reports over the past weeks so the list has a history.
        for (age, c) in CANDIDATES.iter().enumerate() {
            let reported = now - time::Duration::days(3 * (CANDIDATES.len() - age) as i64);
            let reporter = user_ids.get(c.reporter).copied();
            let id: i64 = sqlx::query_scalar(INSERT_CANDIDATE)
                .bind(municipality_ids.get(c.municipality).copied())
                .bind(department_ids.get(&(c.municipality, c.department)).copied())
                .bind(reporter)
                .bind(c.title).bind(c.description).bind(c.volume).bind(c.period).bind(c.minutes)
                .bind(c.phase).bind(c.visibility).bind(reported)
                .fetch_one(&mut *tx).await?;
            sqlx::query(INSERT_PHASE_STAY).bind(id).bind(c.phase).bind(reported).execute(&mut *tx).await?;
            sqlx::query(INSERT_CREATED).bind(id).bind(reporter).bind(reported).bind(c.title).execute(&mut *tx).await?;
            sqlx::query(INSERT_FOLLOW).bind(reporter).bind(id).bind(reported).execute(&mut *tx).await?;
        }
        tx.commit().await
    })?;
    assess(db).await.map_err(|_| sqlx::Error::Protocol("cannot assess the demo candidates".into()))?;
    Ok(true)
}

/// Levels (value, feasibility) the demo's candidates before development are assessed at, in
/// turn, on the default model; a feasibility of 1 fails its knock-out criteria.
const DEMO_LEVELS: [(u8, u8); 6] = [(5, 4), (3, 4), (4, 2), (2, 3), (4, 1), (3, 2)];

/// Gives the demo's candidates before development an assessment each, so the backlogs and the
/// matrix have something to show, as the coordination group would (carla@consortium.demo).
async fn assess(db: &Db) -> app::common::error::AppResult<()> {
    use app::scoring::compute::{self, Answer, Answers};
    use app::scoring::model::Cause;
    use app::scoring::model::{Axis, Kind};
    use app::scoring::store::{self, NewAssessment};
    let version = store::latest_version(db).await?;
    let model = store::version(db, version, None).await?.definition;
    let by: i64 = with_pool!(db, pool => sqlx::query_scalar("SELECT id FROM users WHERE email = 'carla@consortium.demo'")
        .fetch_one(pool).await)?;
    let ids: Vec<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM candidates WHERE phase IN ('idea', 'assessment', 'backlog', 'analysis') ORDER BY id")
        .fetch_all(pool).await)?;
    let mut scored = Vec::new();
    for (i, id) in ids.into_iter().enumerate() {
        let (value, feasibility) = DEMO_LEVELS[i % DEMO_LEVELS.len()];
        let answers: Answers = model
            .criteria
            .iter()
            .filter_map(|c| {
                let level = if c.axis == Axis::Value { value } else { feasibility };
                let answer = match &c.kind {
                    Kind::Scale { .. } => Answer::Number(f64::from(level)),
                    Kind::YesNo { .. } => Answer::Yes(level >= 3),
                    Kind::Number { bands, .. } => {
                        Answer::Number(bands.iter().find(|b| b.points == level).or(bands.first())?.min)
                    }
                };
                Some((c.key.clone(), answer))
            })
            .collect();
        if let Ok(score) = compute::score(&model, &answers) {
            scored.push((id, answers, score));
        }
    }
    let new: Vec<NewAssessment<'_>> = scored
        .iter()
        .map(|(id, answers, score)| NewAssessment {
            candidate_id: *id,
            model_version: version,
            answers,
            score,
            cause: Cause::Answers,
            note: None,
            by,
            replaces: None,
        })
        .collect();
    store::insert_assessments(db, &new).await?;
    Ok(())
}

/// The sign-in hints printed at start in demo mode.
pub fn login_hints() -> String {
    let mut out = format!("Demo sign-ins (password for all: {DEMO_PASSWORD}):\n");
    for u in USERS {
        let municipality = MUNICIPALITIES.iter().find(|m| m.code == u.municipality).map_or("", |m| m.name);
        out.push_str(&format!("  {:<24} {:<18} {}\n", u.email, municipality, u.roles.join(", ")));
    }
    out
}
