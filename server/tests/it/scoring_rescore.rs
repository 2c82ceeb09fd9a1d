//! Re-scoring a backlog onto a new model version, on both databases: the preview (ranks,
//! quadrants, who needs answers) writes nothing; applying stores a `model` snapshot for every
//! re-scorable candidate of the scope and nothing else; the policy matrix; and 10,000
//! candidates in one step.

use crate::support::{each_backend, report, world, World};
use app::candidates::model::Visibility;
use app::common::error::AppError;
use app::db::Db;
use app::identity::model::Actor;
use app::scoring::compute::{self, Answer, Answers, Facts};
use app::scoring::default_model;
use app::scoring::model::Cause;
use app::scoring::model::{Axis, Criterion, Definition, Kind, Scope, Source, Translated};
use app::scoring::rescore::service::{self as rescore, carry_over};
use app::scoring::store::{self, NewAssessment};
use app::with_pool;
use std::time::Instant;
use time::OffsetDateTime;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// A full set of answers to `definition`, different for each `seed`, never knocked out.
fn answers_for(definition: &Definition, seed: i64) -> Answers {
    definition
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let level = 2 + (seed + i as i64 * 7) % 4;
            let answer = match &c.kind {
                Kind::Scale { .. } => Answer::Number(level as f64),
                Kind::YesNo { .. } => Answer::Yes(true),
                Kind::Number { bands, .. } => Answer::Number(bands[(seed as usize + i) % bands.len()].min),
            };
            (c.key.clone(), answer)
        })
        .collect()
}

/// Assesses each candidate on version 1 (the default model) in one transaction.
async fn assess_on_v1(db: &Db, by: &Actor, ids: &[i64]) {
    let v1 = store::version(db, store::latest_version(db).await.expect("v1"), None).await.expect("v1");
    assert_eq!(v1.version, 1);
    let answers: Vec<Answers> = ids.iter().map(|id| answers_for(&v1.definition, *id)).collect();
    let scores: Vec<compute::Score> =
        answers.iter().map(|a| compute::score(&v1.definition, a).expect("scores")).collect();
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
            by: by.user_id,
            replaces: None,
        })
        .collect();
    store::insert_assessments(db, &new).await.expect("assessed");
}

fn tr(en: &str) -> Translated {
    Translated { en: en.into(), ..Translated::default() }
}

/// Version 2: the default model with a heavier "benefit" and a new criterion the record answers
/// (structured input).
fn v2() -> Definition {
    let mut d = default_model::definition();
    d.criteria.iter_mut().find(|c| c.key == "benefit").expect("benefit").weight = 9.0;
    d.criteria.push(Criterion {
        key: "structured".into(),
        label: tr("Structured input"),
        help: tr(""),
        axis: Axis::Feasibility,
        kind: Kind::YesNo { yes: tr("yes"), no: tr("no") },
        weight: 4.0,
        ko: false,
        prefill: Some(Source::InputStructured),
    });
    assert_eq!(d.problems(), vec![]);
    d
}

/// Version 3: version 2 with a new criterion nobody's record answers.
fn v3() -> Definition {
    let mut d = v2();
    d.criteria.push(Criterion {
        key: "citizen_contact".into(),
        label: tr("Citizen contact"),
        help: tr(""),
        axis: Axis::Value,
        kind: Kind::Scale { levels: ["1", "2", "3", "4", "5"].map(tr) },
        weight: 1.0,
        ko: false,
        prefill: None,
    });
    d
}

async fn set_structured(db: &Db, id: i64, structured: bool) {
    with_pool!(db, pool => sqlx::query("UPDATE candidates SET input_structured = $1 WHERE id = $2")
        .bind(structured).bind(id).execute(pool).await.map(|_| ()))
    .expect("set input_structured");
}

/// (version, utility, snapshots) of a candidate.
async fn state(db: &Db, id: i64) -> (i64, f64, usize) {
    let current = store::current_assessment(db, id, None).await.expect("read").expect("assessed");
    let utility: f64 = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT a.utility FROM candidates c JOIN assessments a ON a.id = c.assessment_id WHERE c.id = $1")
        .bind(id).fetch_one(pool).await)
    .expect("utility");
    let history = store::assessment_history(db, id, None).await.expect("history");
    (current.model_version, utility, history.len())
}

struct Fixture {
    w: World,
    /// Home: municipality-visible, shared, private, shared without the new fact.
    home_plain: i64,
    home_shared: i64,
    home_private: i64,
    home_unknown: i64,
    /// Other: municipality-visible, public.
    other_plain: i64,
    other_public: i64,
}

async fn fixture(db: &Db) -> Fixture {
    let w = world(db).await;
    let home_plain = report(db, &w.reporter, "Invoices", Visibility::Municipality).await;
    let home_shared = report(db, &w.reporter, "Parking permits", Visibility::Consortium).await;
    let home_private = report(db, &w.reporter, "My own list", Visibility::Private).await;
    let home_unknown = report(db, &w.reporter, "Death certificates", Visibility::Consortium).await;
    let other_plain = report(db, &w.other_reporter, "Other invoices", Visibility::Municipality).await;
    let other_public = report(db, &w.other_reporter, "Other permits", Visibility::Public).await;
    for (id, structured) in
        [(home_plain, true), (home_shared, false), (home_private, true), (other_plain, true), (other_public, false)]
    {
        set_structured(db, id, structured).await;
    }
    let ids = [home_plain, home_shared, home_private, home_unknown, other_plain, other_public];
    assess_on_v1(db, &w.coordinator, &ids).await;
    Fixture { w, home_plain, home_shared, home_private, home_unknown, other_plain, other_public }
}

#[tokio::test]
async fn preview_then_apply_in_the_municipality_and_the_consortium() {
    each_backend(|db| async move {
        let f = fixture(&db).await;
        let w = &f.w;
        let before: Vec<(i64, f64, usize)> = {
            let mut s = Vec::new();
            for id in [f.home_plain, f.home_shared, f.home_private, f.home_unknown, f.other_plain, f.other_public] {
                s.push(state(&db, id).await);
            }
            s
        };
        // Nothing to do while version 1 is current.
        let p = rescore::preview(&db, Some(&w.coordinator), Scope::Municipality).await.expect("preview");
        assert_eq!((p.target_version, p.assessed, p.current, p.rescorable), (1, 4, 4, 0));
        assert!(p.changes.is_empty());

        let v2 = v2();
        let version =
            store::publish(&db, &v2, "benefit counts more", w.consortium_coordinator.user_id).await.expect("v2");
        assert_eq!(version, 2);

        // The preview: the home municipality's four, one of which lacks the new fact.
        let p = rescore::preview(&db, Some(&w.coordinator), Scope::Municipality).await.expect("preview");
        assert_eq!((p.target_version, p.assessed, p.current, p.rescorable, p.needs_answers_count), (2, 4, 0, 3, 1));
        assert_eq!(p.needs_answers.len(), 1);
        assert_eq!(p.needs_answers[0].candidate_id, f.home_unknown);
        assert_eq!(p.needs_answers[0].missing, vec!["structured".to_owned()]);
        assert_eq!(p.labels.get("structured").map(|l| l.en.as_str()), Some("Structured input"));
        let ids: Vec<i64> = p.changes.iter().filter(|c| c.new_version == 2).map(|c| c.candidate_id).collect();
        assert_eq!(ids.len(), 3);
        for id in [f.home_plain, f.home_shared, f.home_private] {
            assert!(ids.contains(&id), "{id} is re-scored");
        }
        // The preview's new utility is the new version's score of the carried answers.
        let plain = p.changes.iter().find(|c| c.candidate_id == f.home_plain).expect("plain");
        let old = store::current_assessment(&db, f.home_plain, None).await.expect("read").expect("assessed");
        let facts = Facts { input_structured: Some(true), ..Facts::default() };
        let expected = compute::score(&v2, &carry_over(&v2, &old.answers, &facts).expect("carried")).expect("scores");
        assert!(close(plain.new_utility, expected.utility));
        assert!(close(plain.old_utility, before[0].1));
        assert_eq!((plain.old_version, plain.new_version), (1, 2));
        assert!(plain.old_rank.is_some() && plain.new_rank.is_some());
        // Sorted by how far they move.
        let moves: Vec<u32> = p.changes.iter().map(|c| c.movement(4)).collect();
        assert!(moves.windows(2).all(|m| m[0] >= m[1]), "{moves:?}");
        // The preview wrote nothing.
        assert_eq!(state(&db, f.home_plain).await, before[0]);

        // A version the form did not preview is refused, nothing changes.
        assert_eq!(rescore::apply(&db, Some(&w.coordinator), Scope::Municipality, 1).await, Err(AppError::Conflict));
        assert_eq!(state(&db, f.home_plain).await, before[0]);

        let applied = rescore::apply(&db, Some(&w.coordinator), Scope::Municipality, 2).await.expect("applied");
        assert_eq!((applied.rescored, applied.needs_answers), (3, 1));
        let (version, utility, snapshots) = state(&db, f.home_plain).await;
        assert_eq!((version, snapshots), (2, 2), "a new snapshot, the old one kept");
        assert!(close(utility, expected.utility));
        let current = store::current_assessment(&db, f.home_plain, None).await.expect("read").expect("assessed");
        assert_eq!(current.cause, Cause::Model);
        assert_eq!(current.by_id, Some(w.coordinator.user_id));
        assert_eq!(current.answers.get("structured"), Some(&Answer::Yes(true)));
        assert_eq!(state(&db, f.home_private).await.0, 2);
        // The one needing answers and the other municipality's candidates are untouched.
        assert_eq!(state(&db, f.home_unknown).await, before[3]);
        assert_eq!(state(&db, f.other_plain).await, before[4]);
        assert_eq!(state(&db, f.other_public).await, before[5]);

        // Again: nothing left but the one needing answers.
        let p = rescore::preview(&db, Some(&w.coordinator), Scope::Municipality).await.expect("preview");
        assert_eq!((p.current, p.rescorable, p.needs_answers_count), (3, 0, 1));

        // The consortium: shared candidates only (never the private or municipality ones).
        let p = rescore::preview(&db, Some(&w.consortium_coordinator), Scope::Consortium).await.expect("preview");
        assert_eq!((p.assessed, p.current, p.rescorable, p.needs_answers_count), (3, 1, 1, 1));
        let seen: Vec<i64> =
            p.changes.iter().map(|c| c.candidate_id).chain(p.needs_answers.iter().map(|n| n.candidate_id)).collect();
        for hidden in [f.home_private, f.home_plain, f.other_plain] {
            assert!(!seen.contains(&hidden), "{hidden} is not shared");
        }
        let applied =
            rescore::apply(&db, Some(&w.consortium_coordinator), Scope::Consortium, 2).await.expect("applied");
        assert_eq!((applied.rescored, applied.needs_answers), (1, 1));
        assert_eq!(state(&db, f.other_public).await.0, 2);
        assert_eq!(state(&db, f.other_plain).await, before[4], "not shared: untouched");
        assert_eq!(state(&db, f.home_unknown).await, before[3]);

        // Version 3 adds a criterion no record answers: everyone needs answers, nothing moves.
        store::publish(&db, &v3(), "", w.consortium_coordinator.user_id).await.expect("v3");
        let p = rescore::preview(&db, Some(&w.coordinator), Scope::Municipality).await.expect("preview");
        assert_eq!((p.target_version, p.rescorable, p.needs_answers_count), (3, 0, 4));
        assert!(p.needs_answers.iter().all(|n| n.missing.contains(&"citizen_contact".to_owned())));
        assert!(p.changes.is_empty());
        let applied = rescore::apply(&db, Some(&w.coordinator), Scope::Municipality, 3).await.expect("applied");
        assert_eq!((applied.rescored, applied.needs_answers), (0, 4));
        assert_eq!(state(&db, f.home_plain).await.0, 2);
    })
    .await;
}

#[tokio::test]
async fn who_may_rescore() {
    each_backend(|db| async move {
        let f = fixture(&db).await;
        let w = &f.w;
        store::publish(&db, &v2(), "", w.consortium_coordinator.user_id).await.expect("v2");
        let mut limited = w.coordinator.clone();
        limited.coordinator_scope = vec![format!("/{}/", w.home_department)];
        let forbidden = Err(AppError::Forbidden);
        let cases = [
            ("coordinator", Some(&w.coordinator), Scope::Municipality, Ok(())),
            ("coordinator", Some(&w.coordinator), Scope::Consortium, forbidden.clone()),
            ("department-limited coordinator", Some(&limited), Scope::Municipality, forbidden.clone()),
            ("department-limited coordinator", Some(&limited), Scope::Consortium, forbidden.clone()),
            ("municipality admin", Some(&w.municipality_admin), Scope::Municipality, Ok(())),
            ("municipality admin", Some(&w.municipality_admin), Scope::Consortium, forbidden.clone()),
            ("reporter", Some(&w.reporter), Scope::Municipality, forbidden.clone()),
            ("reporter", Some(&w.reporter), Scope::Consortium, forbidden.clone()),
            ("consortium coordinator", Some(&w.consortium_coordinator), Scope::Municipality, forbidden.clone()),
            ("consortium coordinator", Some(&w.consortium_coordinator), Scope::Consortium, Ok(())),
            ("anonymous", None, Scope::Municipality, Err(AppError::Unauthenticated)),
            ("anonymous", None, Scope::Consortium, Err(AppError::Unauthenticated)),
        ];
        for (who, actor, scope, expected) in cases {
            let got = rescore::preview(&db, actor, scope).await.map(|_| ());
            assert_eq!(got, expected, "{who} previews {scope:?}");
            if expected.is_err() {
                let before = state(&db, f.home_shared).await;
                let got = rescore::apply(&db, actor, scope, 2).await.map(|_| ());
                assert_eq!(got, expected, "{who} applies {scope:?}");
                assert_eq!(state(&db, f.home_shared).await, before, "{who}: nothing changed");
            }
        }
        // The allowed ones apply (the last of each scope).
        rescore::apply(&db, Some(&w.municipality_admin), Scope::Municipality, 2).await.expect("admin applies");
        assert_eq!(state(&db, f.home_plain).await.0, 2);
        rescore::apply(&db, Some(&w.consortium_coordinator), Scope::Consortium, 2).await.expect("group applies");
        assert_eq!(state(&db, f.other_public).await.0, 2);
        assert_eq!(state(&db, f.other_plain).await.0, 1);
    })
    .await;
}

/// 10,000 candidates of two municipalities, every third shared, every tenth without the new
/// fact: seeded in one statement, assessed in one transaction, previewed and re-scored.
/// Times are printed (see docs/benchmarks.md), never asserted.
#[tokio::test]
async fn ten_thousand_candidates_in_one_step() {
    each_backend(|db| async move {
        const N: i64 = 10_000;
        let w = world(&db).await;
        let now = OffsetDateTime::now_utc();
        let seed = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $5) \
             INSERT INTO candidates (municipality_id, reporter_id, title, description, volume, period, minutes_per_case, \
                                     visibility, input_structured, created_at, updated_at) \
             SELECT CASE WHEN i % 4 = 0 THEN $2 ELSE $1 END, CASE WHEN i % 4 = 0 THEN $4 ELSE $3 END, \
                    'Candidate ' || i, 'Seeded', i % 200 + 1, 'week', i % 60 + 1, \
                    CASE WHEN i % 3 = 0 THEN 'consortium' ELSE 'municipality' END, \
                    CASE WHEN i % 10 = 0 THEN NULL WHEN i % 2 = 0 THEN FALSE ELSE TRUE END, $6, $6 \
             FROM n";
        let started = Instant::now();
        with_pool!(&db, pool => sqlx::query(seed)
            .bind(w.home).bind(w.other).bind(w.reporter.user_id).bind(w.other_reporter.user_id).bind(N).bind(now)
            .execute(pool).await.map(|_| ()))
        .expect("seeded");
        let ids: Vec<i64> = with_pool!(&db, pool => sqlx::query_scalar("SELECT id FROM candidates ORDER BY id").fetch_all(pool).await)
            .expect("ids");
        assert_eq!(ids.len() as i64, N);
        let seeded = started.elapsed();
        let started = Instant::now();
        assess_on_v1(&db, &w.coordinator, &ids).await;
        let assessed = started.elapsed();
        let v2 = v2();
        store::publish(&db, &v2, "", w.consortium_coordinator.user_id).await.expect("v2");

        // Home has i % 4 != 0: 7,500; of those, i % 10 == 0 (and not % 20) lack the fact: 500.
        let started = Instant::now();
        let p = rescore::preview(&db, Some(&w.coordinator), Scope::Municipality).await.expect("preview");
        let previewed = started.elapsed();
        assert_eq!((p.assessed, p.rescorable, p.needs_answers_count), (7_500, 7_000, 500));
        assert_eq!(p.changes.len(), rescore::PREVIEW_ROWS);
        assert!(p.changes_total >= 7_000);
        assert_eq!(p.needs_answers.len(), rescore::PREVIEW_ROWS);

        let started = Instant::now();
        let applied = rescore::apply(&db, Some(&w.coordinator), Scope::Municipality, 2).await.expect("applied");
        let applied_in = started.elapsed();
        assert_eq!((applied.rescored, applied.needs_answers), (7_000, 500));
        let count = |sql: &'static str| {
            let db = db.clone();
            async move { with_pool!(&db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).expect("count") }
        };
        assert_eq!(count("SELECT COUNT(*) FROM assessments").await, N + 7_000, "old snapshots kept");
        assert_eq!(count("SELECT COUNT(*) FROM assessments WHERE model_version = 2 AND cause = 'model'").await, 7_000);
        assert_eq!(
            count("SELECT COUNT(*) FROM candidates c JOIN assessments a ON a.id = c.assessment_id WHERE a.model_version = 2").await,
            7_000
        );

        // A sampled candidate: its stored utility is version 2's score of its carried answers.
        let sample = ids[4_998]; // i = 4,999: home, structured
        let v1 = default_model::definition();
        let facts = Facts { input_structured: Some(true), ..Facts::default() };
        let expected = compute::score(&v2, &carry_over(&v2, &answers_for(&v1, sample), &facts).expect("carried"))
            .expect("scores");
        let (version, utility, snapshots) = state(&db, sample).await;
        assert_eq!((version, snapshots), (2, 2));
        assert!(close(utility, expected.utility), "{utility} vs {}", expected.utility);

        // The consortium: the shared third of both municipalities.
        let started = Instant::now();
        let p = rescore::preview(&db, Some(&w.consortium_coordinator), Scope::Consortium).await.expect("preview");
        let consortium_preview = started.elapsed();
        assert_eq!(p.assessed, 3_333);
        let started = Instant::now();
        let applied = rescore::apply(&db, Some(&w.consortium_coordinator), Scope::Consortium, 2).await.expect("applied");
        let consortium_apply = started.elapsed();
        assert_eq!(applied.rescored + applied.needs_answers + p.current, 3_333);
        eprintln!(
            "rescore 10k on {:?}: seed {seeded:?}, assess (insert_assessments) {assessed:?}, \
             preview municipality (7,500) {previewed:?}, apply municipality (7,000) {applied_in:?}, \
             preview consortium (3,333) {consortium_preview:?}, apply consortium ({}) {consortium_apply:?}",
            db.backend(),
            applied.rescored
        );
    })
    .await;
}

/// A re-score computed from a snapshot that is no longer current (an assessment saved between
/// the plan and the write) stores nothing, not even for the other candidates.
#[tokio::test]
async fn a_snapshot_replaced_meanwhile_stores_nothing() {
    each_backend(|db| async move {
        let f = fixture(&db).await;
        let w = &f.w;
        let first = store::current_assessment(&db, f.home_plain, None).await.expect("read").expect("assessed");
        let second = store::current_assessment(&db, f.home_shared, None).await.expect("read").expect("assessed");
        let v1 = store::version(&db, 1, None).await.expect("v1");
        let score = compute::score(&v1.definition, &first.answers).expect("scores");
        let snapshot = |candidate_id: i64, replaces: i64| NewAssessment {
            candidate_id,
            model_version: 1,
            answers: &first.answers,
            score: &score,
            cause: Cause::Model,
            note: None,
            by: w.coordinator.user_id,
            replaces: Some(replaces),
        };
        // The second candidate's current snapshot is not the one named: a conflict, and the
        // first candidate keeps its snapshot too.
        let stale = [snapshot(f.home_plain, first.id), snapshot(f.home_shared, first.id)];
        assert_eq!(store::insert_assessments(&db, &stale).await, Err(AppError::Conflict));
        assert_eq!(store::assessment_history(&db, f.home_plain, None).await.expect("history").len(), 1);
        assert_eq!(
            store::current_assessment(&db, f.home_shared, None).await.expect("read").expect("kept").id,
            second.id
        );
        // Named right, both are stored.
        let fresh = [snapshot(f.home_plain, first.id), snapshot(f.home_shared, second.id)];
        let ids = store::insert_assessments(&db, &fresh).await.expect("stored");
        assert_eq!(store::current_assessment(&db, f.home_shared, None).await.expect("read").expect("new").id, ids[1]);
    })
    .await;
}
