//! The demo consortium: three municipalities with departments, one user per role and a dozen
//! realistic candidates. Loaded only into an empty database, only when `AUTOPORT_DEMO=1`.

use crate::seed::{self, Candidate, Departments, Person, SeedResult};
use app::candidates::model::{Period, Phase, Visibility};
use app::db::Db;
use app::identity::model::Role;
use app::with_pool;
use std::collections::HashMap;
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
    pub roles: &'static [Role],
}

pub const USERS: &[DemoUser] = &[
    DemoUser { email: "anna@aarhus.demo", name: "Anna Holm", municipality: "751", roles: &[Role::Reporter] },
    DemoUser {
        email: "kim@aarhus.demo",
        name: "Kim Vestergaard",
        municipality: "751",
        roles: &[Role::Reporter, Role::Coordinator],
    },
    DemoUser {
        email: "mads@aarhus.demo",
        name: "Mads Bruun",
        municipality: "751",
        roles: &[Role::Reporter, Role::MunicipalityAdmin],
    },
    DemoUser { email: "olga@odense.demo", name: "Olga Lund", municipality: "461", roles: &[Role::Reporter] },
    DemoUser {
        email: "otto@odense.demo",
        name: "Otto Friis",
        municipality: "461",
        roles: &[Role::Reporter, Role::Coordinator],
    },
    DemoUser {
        email: "sara@syddjurs.demo",
        name: "Sara Dahl",
        municipality: "706",
        roles: &[Role::Reporter, Role::Coordinator],
    },
    DemoUser {
        email: "carla@consortium.demo",
        name: "Carla Nissen",
        municipality: "461",
        roles: &[Role::Reporter, Role::ConsortiumCoordinator],
    },
    DemoUser {
        email: "admin@consortium.demo",
        name: "Ida Consortium",
        municipality: "751",
        roles: &[Role::ConsortiumAdmin],
    },
];

struct DemoCandidate {
    municipality: &'static str,
    department: &'static str,
    reporter: &'static str,
    title: &'static str,
    description: &'static str,
    volume: f64,
    period: Period,
    minutes: f64,
    phase: Phase,
    visibility: Visibility,
}

const CANDIDATES: &[DemoCandidate] = &[
    DemoCandidate {
        municipality: "751", department: "Ydelsesservice", reporter: "anna@aarhus.demo",
        title: "Opdatering af adresser ved flytning",
        description: "Flytninger fra CPR tastes manuelt ind i ydelsessystemet. Reglen er fast: ny adresse og dato overføres, sagen noteres.",
        volume: 120.0, period: Period::Week, minutes: 6.0, phase: Phase::Backlog, visibility: Visibility::Consortium,
    },
    DemoCandidate {
        municipality: "751", department: "Løn og personale", reporter: "kim@aarhus.demo",
        title: "Oprettelse af vikarer i lønsystemet",
        description: "Vikarer oprettes ud fra en Excel-skabelon fra skolerne. Data er strukturerede, men kontrol af overenskomst sker i hånden.",
        volume: 35.0, period: Period::Month, minutes: 25.0, phase: Phase::Analysis, visibility: Visibility::Municipality,
    },
    DemoCandidate {
        municipality: "751", department: "Pas og kørekort", reporter: "anna@aarhus.demo",
        title: "Påmindelser om udløbne pas",
        description: "Borgere med pas, der udløber inden for tre måneder, får et brev. Listen trækkes og flettes manuelt hver uge.",
        volume: 1.0, period: Period::Week, minutes: 90.0, phase: Phase::Idea, visibility: Visibility::Public,
    },
    DemoCandidate {
        municipality: "751", department: "Økonomi", reporter: "mads@aarhus.demo",
        title: "Afstemning af bankkonti",
        description: "Daglig afstemning af bankposteringer mod økonomisystemet; afvigelser over 100 kr. undersøges.",
        volume: 1.0, period: Period::Day, minutes: 45.0, phase: Phase::Development, visibility: Visibility::Private,
    },
    DemoCandidate {
        municipality: "461", department: "Jobcenter", reporter: "olga@odense.demo",
        title: "Registrering af sygemeldinger fra arbejdsgivere",
        description: "Sygemeldinger modtages via NemRefusion og registreres i fagsystemet. Regelbaseret, men 10 % har mangler.",
        volume: 60.0, period: Period::Day, minutes: 4.0, phase: Phase::Assessment, visibility: Visibility::Consortium,
    },
    DemoCandidate {
        municipality: "461", department: "Økonomi og Personale", reporter: "otto@odense.demo",
        title: "Bogføring af kreditorfakturaer uden indkøbsordre",
        description: "Fakturaer uden ordrenummer konteres ud fra leverandør og tidligere konteringer.",
        volume: 900.0, period: Period::Month, minutes: 3.0, phase: Phase::Operation, visibility: Visibility::Public,
    },
    DemoCandidate {
        municipality: "461", department: "Borgerservice", reporter: "olga@odense.demo",
        title: "Tidsbestilling og påmindelser",
        description: "Borgere ringer for at flytte tider; påmindelser sendes manuelt dagen før.",
        volume: 40.0, period: Period::Day, minutes: 3.0, phase: Phase::Idea, visibility: Visibility::Municipality,
    },
    DemoCandidate {
        municipality: "706", department: "Kreditorbogholderi", reporter: "sara@syddjurs.demo",
        title: "Kontrol af dobbeltbetalinger",
        description: "Ugentlig kontrol af udbetalinger for dubletter på tværs af to økonomisystemer.",
        volume: 1.0, period: Period::Week, minutes: 120.0, phase: Phase::Testing, visibility: Visibility::Consortium,
    },
    DemoCandidate {
        municipality: "706", department: "Borgerservice", reporter: "sara@syddjurs.demo",
        title: "Behandling af ansøgninger om boligstøtte",
        description: "Oplysninger fra ansøgningen tjekkes mod indkomstregistret før sagen sendes videre.",
        volume: 30.0, period: Period::Week, minutes: 20.0, phase: Phase::Idea, visibility: Visibility::Municipality,
    },
    DemoCandidate {
        municipality: "461", department: "Jobcenter", reporter: "carla@consortium.demo",
        title: "Indkaldelse til samtaler efter fast kadence",
        description: "Ledige indkaldes hver tredje måned; indkaldelser dannes og sendes manuelt fra fagsystemet.",
        volume: 250.0, period: Period::Month, minutes: 5.0, phase: Phase::Backlog, visibility: Visibility::Consortium,
    },
];

const COUNT_MUNICIPALITIES: &str = "SELECT COUNT(*) FROM municipalities";

/// Loads the demo into an empty database; does nothing otherwise. Returns whether it loaded.
pub async fn load_if_empty(db: &Db) -> SeedResult<bool> {
    let existing: i64 = with_pool!(db, pool => sqlx::query_scalar(COUNT_MUNICIPALITIES).fetch_one(pool).await)?;
    if existing > 0 {
        return Ok(false);
    }
    let hash = seed::password_hash(DEMO_PASSWORD)?;
    let now = OffsetDateTime::now_utc();
    let mut municipality_ids = HashMap::new();
    let mut department_ids = HashMap::new();
    for m in MUNICIPALITIES {
        let id = seed::municipality(db, m.code, m.name).await?;
        municipality_ids.insert(m.code, id);
        let mut tree = Departments::new();
        let mut places: HashMap<&str, usize> = HashMap::new();
        for (name, parent) in m.departments {
            let place = match places.get(parent) {
                Some(&parent) => tree.under(parent, name),
                None => tree.top(name),
            };
            places.insert(name, place);
        }
        let ids = tree.create(db, id).await?;
        for (name, place) in places {
            department_ids.insert((m.code, name), ids[place]);
        }
    }
    let mut user_ids = HashMap::new();
    for u in USERS {
        let municipality = municipality_ids[u.municipality];
        let person = Person::new(u.email).named(u.name).password_hash(&hash).roles(u.roles);
        user_ids.insert(u.email, person.create(db, municipality).await?.user_id);
    }
    // Spread the reports over the past weeks so the list has a history.
    let candidates = CANDIDATES.iter().enumerate().map(|(age, c)| {
        Candidate::new(municipality_ids[c.municipality], user_ids[c.reporter], c.title)
            .description(c.description)
            .department(department_ids.get(&(c.municipality, c.department)).copied())
            .volume(c.volume, c.period, c.minutes)
            .phase(c.phase)
            .visibility(c.visibility)
            .reported_at(now - time::Duration::days(3 * (CANDIDATES.len() - age) as i64))
    });
    let ids = seed::candidates(db, candidates.collect()).await?;
    // Those before development, in the order reported, as the coordination group would.
    let to_assess: Vec<i64> = CANDIDATES
        .iter()
        .zip(ids)
        .filter(|(c, _)| matches!(c.phase, Phase::Idea | Phase::Assessment | Phase::Backlog | Phase::Analysis))
        .map(|(_, id)| id)
        .collect();
    assess(db, user_ids["carla@consortium.demo"], &to_assess).await?;
    Ok(true)
}

/// Levels (value, feasibility) the demo's candidates before development are assessed at, in
/// turn, on the default model; a feasibility of 1 fails its knock-out criteria.
const DEMO_LEVELS: [(u8, u8); 6] = [(5, 4), (3, 4), (4, 2), (2, 3), (4, 1), (3, 2)];

/// Gives each of `ids` an assessment, so the backlogs and the matrix have something to show.
async fn assess(db: &Db, by: i64, ids: &[i64]) -> app::common::error::AppResult<()> {
    use app::scoring::compute::{self, Answer, Answers};
    use app::scoring::model::Cause;
    use app::scoring::model::{Axis, Kind};
    use app::scoring::store::{self, NewAssessment};
    let version = store::latest_version(db).await?;
    let model = store::version(db, version, None).await?.definition;
    let mut scored = Vec::new();
    for (i, &id) in ids.iter().enumerate() {
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
        let roles: Vec<&str> = u.roles.iter().map(|r| r.as_str()).collect();
        out.push_str(&format!("  {:<24} {:<18} {}\n", u.email, municipality, roles.join(", ")));
    }
    out
}
