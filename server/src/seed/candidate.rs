//! Candidates as they stand after a history: phase, status, report time, labels.

use super::SeedResult;
use app::candidates::model::{Period, Phase, Status, Visibility};
use app::candidates::record::store::Labels;
use app::candidates::store::{self, Reported};
use app::candidates::validate::NewCandidate;
use app::db::Db;
use app::identity::model::Actor;
use time::OffsetDateTime;

/// A candidate; by default a quick report as the form sends it (40 a week, 15 minutes each,
/// visible to the municipality), an active idea reported now, in no department.
#[derive(Clone, Debug)]
pub struct Candidate(Reported);

impl Candidate {
    /// Reported by `reporter` for their municipality.
    pub fn by(reporter: &Actor, title: &str) -> Candidate {
        Candidate::new(reporter.municipality_id, reporter.user_id, title)
    }

    pub fn new(municipality_id: i64, reporter_id: i64, title: &str) -> Candidate {
        Candidate(Reported {
            municipality_id,
            reporter_id,
            new: NewCandidate {
                title: title.to_owned(),
                description: "Typed by hand from one system into another.".to_owned(),
                department_id: None,
                volume: 40.0,
                period: Period::Week,
                minutes_per_case: 15.0,
                visibility: Visibility::Municipality,
            },
            phase: Phase::Idea,
            status: Status::Active,
            at: OffsetDateTime::now_utc(),
            labels: Labels::default(),
        })
    }

    pub fn description(mut self, text: &str) -> Candidate {
        self.0.new.description = text.to_owned();
        self
    }

    pub fn department(mut self, department: Option<i64>) -> Candidate {
        self.0.new.department_id = department;
        self
    }

    /// `volume` cases a `period`, `minutes` each.
    pub fn volume(mut self, volume: f64, period: Period, minutes: f64) -> Candidate {
        self.0.new.volume = volume;
        self.0.new.period = period;
        self.0.new.minutes_per_case = minutes;
        self
    }

    pub fn visibility(mut self, visibility: Visibility) -> Candidate {
        self.0.new.visibility = visibility;
        self
    }

    pub fn phase(mut self, phase: Phase) -> Candidate {
        self.0.phase = phase;
        self
    }

    pub fn status(mut self, status: Status) -> Candidate {
        self.0.status = status;
        self
    }

    pub fn reported_at(mut self, at: OffsetDateTime) -> Candidate {
        self.0.at = at;
        self
    }

    /// A label of `kind` (`tag`, `subject_area`, `it_system`, `technology`); the same one twice
    /// is kept once.
    pub fn label(mut self, kind: &str, text: &str) -> Candidate {
        let labels = &mut self.0.labels;
        let list = match kind {
            "tag" => &mut labels.tags,
            "subject_area" => &mut labels.subject_areas,
            "it_system" => &mut labels.it_systems,
            "technology" => &mut labels.technologies,
            other => panic!("no label kind {other}"),
        };
        list.push(text.to_owned());
        self
    }

    /// Writes the candidate; returns its id.
    pub async fn create(self, db: &Db) -> SeedResult<i64> {
        let ids = candidates(db, vec![self]).await?;
        Ok(ids[0])
    }
}

/// Writes the candidates in one transaction; returns their ids in order.
pub async fn candidates(db: &Db, list: Vec<Candidate>) -> SeedResult<Vec<i64>> {
    let rows: Vec<Reported> = list.into_iter().map(|c| c.0).collect();
    Ok(store::insert_reported(db, &rows).await?)
}
