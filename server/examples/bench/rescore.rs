//! Re-scoring (docs/benchmarks.md, "Re-scoring"), in-process: the services' time, no HTTP.

use crate::data::World;
use crate::ms;
use app::db::Db;
use app::identity::model::{Actor, Role};
use std::time::Instant;

/// Re-scoring (docs/benchmarks.md, "Re-scoring"): every candidate assessed on version 1, then a
/// version 2 with a heavier criterion and a new one the record answers (handling minutes), so
/// every candidate can be re-scored; the preview and the apply timed for the first municipality
/// and then for the consortium's shared candidates.
pub async fn run(db: &Db, world: &World) {
    use app::scoring::compute::{self, Answer, Answers};
    use app::scoring::default_model;
    use app::scoring::model::Cause;
    use app::scoring::model::{Axis, Band, Criterion, Kind, Scope, Source, Translated};
    use app::scoring::rescore::service as rescore;
    use app::scoring::store::{self, NewAssessment};

    let ids = &world.candidates;
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
