//! The ranked backlogs, rank overrides, decisions and the matrix on both databases: the order,
//! knock-outs apart, overrides with their reason, who may prioritise and decide (a matrix), bad
//! input refused with nothing stored, and no private candidate of another municipality anywhere.

use crate::client::{get, router, send};
use crate::http::sign_in;
use crate::support::{each_backend, report, world, World};
use app::candidates::model::{CandidateForm, Visibility};
use app::common::error::{AppError, Invalid};
use app::common::locale::Locale;
use app::db::Db;
use app::identity::model::{Actor, Role};
use app::scoring::backlog::model::{BacklogFilter, DecisionForm, DecisionLogQuery, OverrideForm};
use app::scoring::backlog::service;
use app::scoring::compute::{self, Answer, Answers};
use app::scoring::model::Cause;
use app::scoring::model::{Axis, Kind, Scope};
use app::scoring::store::{self, NewAssessment};
use app::with_pool;
use axum::http::StatusCode;
use server::seed::Person;

/// Answers on the default model: every value criterion at level `value`, every feasibility
/// criterion at `feasibility` (1–5; yes/no is yes from 3; numbers take the band of that many
/// points). A feasibility of 1 fails the model's knock-out criteria.
pub(crate) fn answers(value: u8, feasibility: u8) -> Answers {
    let definition = app::scoring::default_model::definition();
    definition
        .criteria
        .iter()
        .map(|c| {
            let level = if c.axis == Axis::Value { value } else { feasibility };
            let answer = match &c.kind {
                Kind::Scale { .. } => Answer::Number(f64::from(level)),
                Kind::YesNo { .. } => Answer::Yes(level >= 3),
                Kind::Number { bands, .. } => {
                    let band = bands.iter().find(|b| b.points == level).or(bands.first()).expect("bands");
                    Answer::Number(band.min)
                }
            };
            (c.key.clone(), answer)
        })
        .collect()
}

/// Gives `candidate` an assessment at those levels, as the assessment page would store it.
async fn assess(db: &Db, by: &Actor, candidate: i64, value: u8, feasibility: u8) -> f64 {
    let version = store::latest_version(db).await.expect("model");
    let answers = answers(value, feasibility);
    let score = compute::score(&app::scoring::default_model::definition(), &answers).expect("scored");
    store::insert_assessments(
        db,
        &[NewAssessment {
            candidate_id: candidate,
            model_version: version,
            answers: &answers,
            score: &score,
            cause: Cause::Answers,
            note: None,
            by: by.user_id,
            replaces: None,
        }],
    )
    .await
    .expect("assessed");
    score.utility
}

async fn report_in(db: &Db, who: &Actor, title: &str, department: i64, visibility: Visibility) -> i64 {
    let form = CandidateForm {
        title: title.into(),
        description: "Copied by hand between two systems.".into(),
        department_id: department.to_string(),
        volume: "40".into(),
        period: "week".into(),
        minutes_per_case: "15".into(),
        visibility: visibility.as_str().into(),
    };
    app::candidates::service::report(db, Some(who), &form, Locale::En).await.expect("reported")
}

/// A coordinator of the home municipality limited to its department.
async fn limited_coordinator(db: &Db, w: &World) -> Actor {
    let id = Person::new("limited@home.test")
        .roles(&[Role::Coordinator])
        .limited_to(&[w.home_department])
        .create(db, w.home)
        .await
        .expect("user")
        .user_id;
    let user = app::identity::store::load_user(db, id).await.expect("load").expect("user");
    assert!(!user.actor.coordinator_scope.is_empty() && user.actor.has(Role::Coordinator));
    user.actor
}

fn ids(rows: &[app::scoring::backlog::model::BacklogRow]) -> Vec<i64> {
    rows.iter().map(|r| r.id).collect()
}

fn overriding(scope: Scope, candidate_id: i64, position: &str, reason: &str) -> OverrideForm {
    OverrideForm { scope: scope.key().into(), candidate_id, position: position.into(), reason: reason.into() }
}

fn deciding(scope: Scope, candidate_id: i64, rationale: &str, decided_on: &str) -> DecisionForm {
    DecisionForm {
        candidate_id,
        scope: scope.key().into(),
        outcome: "approve".into(),
        rationale: rationale.into(),
        meeting: "Coordination group 2026-11-20".into(),
        decided_on: decided_on.into(),
    }
}

async fn count(db: &Db, table: &str) -> i64 {
    let q = format!("SELECT COUNT(*) FROM {table}");
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(&q).fetch_one(pool).await).expect("count")
}

#[tokio::test]
async fn ranked_by_utility_with_overrides_and_knock_outs_apart() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let c = &w.coordinator;
        let a = report(&db, c, "Middling", Visibility::Municipality).await;
        let b = report(&db, c, "Best", Visibility::Municipality).await;
        let d = report(&db, c, "Good", Visibility::Municipality).await;
        let ko = report(&db, c, "Stopped", Visibility::Municipality).await;
        let unassessed = report(&db, c, "Not assessed", Visibility::Municipality).await;
        let ua = assess(&db, c, a, 3, 3).await;
        let ub = assess(&db, c, b, 5, 5).await;
        let ud = assess(&db, c, d, 4, 4).await;
        assess(&db, c, ko, 5, 1).await;
        assert!(ub > ud && ud > ua, "levels give the order: {ub} {ud} {ua}");

        let all = BacklogFilter::default();
        let backlog = service::backlog(&db, Some(c), Scope::Municipality, &all).await.expect("backlog");
        assert_eq!(ids(&backlog.rows), vec![b, d, a]);
        assert_eq!(backlog.rows.iter().map(|r| r.rank).collect::<Vec<_>>(), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(ids(&backlog.stopped), vec![ko], "knocked out: apart, unranked");
        assert!(backlog.stopped[0].knocked_out && backlog.stopped[0].rank.is_none());
        assert!(!ids(&backlog.rows).contains(&unassessed));
        assert!(backlog.rows.iter().all(|r| r.may_prioritise));

        // A manual place: first, with the reason; the computed rank stays visible.
        service::set_override(&db, Some(c), &overriding(Scope::Municipality, a, "1", "  Council priority "))
            .await
            .expect("override");
        let backlog = service::backlog(&db, Some(c), Scope::Municipality, &all).await.expect("backlog");
        assert_eq!(ids(&backlog.rows), vec![a, b, d]);
        let first = &backlog.rows[0];
        assert_eq!((first.rank, first.computed_rank), (Some(1), Some(3)));
        assert_eq!(first.manual, Some((1, "Council priority".to_owned())));
        assert_eq!(backlog.rows[1].manual, None);
        // The consortium backlog has its own order: the candidates are not shared.
        let consortium = service::backlog(&db, Some(c), Scope::Consortium, &all).await.expect("consortium");
        assert!(consortium.rows.is_empty() && consortium.stopped.is_empty());

        // Bad input: both problems told, nothing changed.
        let bad = service::set_override(&db, Some(c), &overriding(Scope::Municipality, b, "0", " ")).await;
        let Err(AppError::Invalid(problems)) = bad else { panic!("refused: {bad:?}") };
        assert_eq!(problems.len(), 2);
        assert_eq!(
            service::set_override(&db, Some(c), &overriding(Scope::Municipality, b, "two", "x")).await,
            Err(AppError::invalid("position", Invalid::NotANumber))
        );
        assert_eq!(
            service::set_override(
                &db,
                Some(c),
                &OverrideForm { scope: "region".into(), ..overriding(Scope::Municipality, b, "1", "x") }
            )
            .await,
            Err(AppError::invalid("scope", Invalid::UnknownChoice))
        );
        assert_eq!(count(&db, "backlog_overrides").await, 1);

        // Filters keep the backlog's ranks.
        let quick = BacklogFilter { quadrant: Some(backlog.rows[2].quadrant), ..BacklogFilter::default() };
        let filtered = service::backlog(&db, Some(c), Scope::Municipality, &quick).await.expect("filtered");
        assert!(filtered.rows.iter().any(|r| r.id == d && r.rank == Some(3)));

        // Removed: back to the computed order.
        service::remove_override(&db, Some(c), "municipality", a).await.expect("removed");
        let backlog = service::backlog(&db, Some(c), Scope::Municipality, &all).await.expect("backlog");
        assert_eq!(ids(&backlog.rows), vec![b, d, a]);

        // The matrix: the same candidates, by utility, knocked out included, with the thresholds.
        let matrix = service::matrix(&db, Some(c), Scope::Municipality, &all).await.expect("matrix");
        assert_eq!(ids(&matrix.rows), {
            let mut v = vec![b, d, a, ko];
            v.sort_by(|x, y| {
                let u = |id: i64| matrix.rows.iter().find(|r| r.id == id).map(|r| r.utility).unwrap_or_default();
                u(*y).total_cmp(&u(*x))
            });
            v
        });
        assert!(matrix.value_threshold > 0.0 && matrix.feasibility_threshold > 0.0);
        assert_eq!(service::backlog(&db, None, Scope::Municipality, &all).await, Err(AppError::Unauthenticated));
    })
    .await;
}

#[tokio::test]
async fn private_candidates_of_another_municipality_are_never_listed() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let theirs_private = report(&db, &w.other_reporter, "Their secret", Visibility::Private).await;
        let theirs_internal = report(&db, &w.other_reporter, "Their internal", Visibility::Municipality).await;
        let theirs_shared = report(&db, &w.other_reporter, "Their shared", Visibility::Consortium).await;
        let ours = report(&db, &w.reporter, "Ours", Visibility::Municipality).await;
        for id in [theirs_private, theirs_internal, theirs_shared] {
            assess(&db, &w.other_coordinator, id, 4, 4).await;
        }
        assess(&db, &w.coordinator, ours, 3, 3).await;
        for id in [theirs_private, theirs_shared] {
            service::decide(&db, Some(&w.other_coordinator), &deciding(Scope::Municipality, id, "Go", ""))
                .await
                .expect("their decision");
        }

        let all = BacklogFilter::default();
        for reader in [&w.reporter, &w.coordinator, &w.municipality_admin, &w.consortium_coordinator] {
            for scope in Scope::ALL {
                let backlog = service::backlog(&db, Some(reader), scope, &all).await.expect("backlog");
                let listed: Vec<i64> = ids(&backlog.rows).into_iter().chain(ids(&backlog.stopped)).collect();
                let matrix = service::matrix(&db, Some(reader), scope, &all).await.expect("matrix");
                for id in [theirs_private, theirs_internal] {
                    assert!(!listed.contains(&id) && !ids(&matrix.rows).contains(&id), "{id} hidden in {scope:?}");
                }
                match scope {
                    Scope::Municipality => assert_eq!(listed, vec![ours]),
                    Scope::Consortium => assert_eq!(listed, vec![theirs_shared]),
                }
            }
            let log = service::decision_log(&db, Some(reader), &DecisionLogQuery::default()).await.expect("log");
            assert_eq!(log.iter().map(|d| d.candidate_id).collect::<Vec<_>>(), vec![theirs_shared]);
            assert_eq!(log[0].recorded_by, Some(app::identity::model::PersonRef::Withheld), "names stay home");
        }
        let consortium = service::backlog(&db, Some(&w.reporter), Scope::Consortium, &all).await.expect("backlog");
        assert_eq!(consortium.rows[0].municipality, "Other Kommune");
        assert!(!consortium.rows[0].may_prioritise, "a reporter may not prioritise");
        let theirs = service::decision_log(&db, Some(&w.other_coordinator), &DecisionLogQuery::default())
            .await
            .expect("their log");
        assert_eq!(theirs.len(), 2);
        assert_eq!(service::candidate_decisions(&db, Some(&w.reporter), theirs_private).await, Err(AppError::NotFound));
        assert_eq!(
            service::decision_log(&db, None, &DecisionLogQuery::default()).await,
            Err(AppError::Unauthenticated)
        );
    })
    .await;
}

#[tokio::test]
async fn who_may_override_and_decide() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let limited = limited_coordinator(&db, &w).await;
        let in_department =
            report_in(&db, &w.reporter, "In the department", w.home_department, Visibility::Municipality).await;
        let shared = report(&db, &w.reporter, "Shared", Visibility::Consortium).await;
        let private = report(&db, &w.reporter, "Private", Visibility::Private).await;
        for id in [in_department, shared, private] {
            assess(&db, &w.coordinator, id, 4, 4).await;
        }
        use Scope::{Consortium as C, Municipality as M};
        let ok = Ok(());
        let forbidden = Err(AppError::Forbidden);
        let hidden = Err(AppError::NotFound);
        let anonymous = Err(AppError::Unauthenticated);
        type Case<'a> = (&'a str, Option<&'a Actor>, Scope, i64, Result<(), AppError>);
        let cases: Vec<Case<'_>> = vec![
            ("coordinator", Some(&w.coordinator), M, in_department, ok.clone()),
            ("coordinator", Some(&w.coordinator), M, shared, ok.clone()),
            ("coordinator", Some(&w.coordinator), M, private, ok.clone()),
            ("coordinator", Some(&w.coordinator), C, shared, forbidden.clone()),
            ("limited", Some(&limited), M, in_department, ok.clone()),
            ("limited", Some(&limited), M, shared, forbidden.clone()),
            ("limited", Some(&limited), M, private, hidden.clone()),
            ("reporter", Some(&w.reporter), M, in_department, forbidden.clone()),
            ("reporter", Some(&w.reporter), M, private, forbidden.clone()),
            ("other coordinator", Some(&w.other_coordinator), M, shared, forbidden.clone()),
            ("other coordinator", Some(&w.other_coordinator), M, in_department, hidden.clone()),
            ("other coordinator", Some(&w.other_coordinator), M, private, hidden.clone()),
            ("group", Some(&w.consortium_coordinator), C, shared, ok.clone()),
            ("group", Some(&w.consortium_coordinator), C, in_department, forbidden.clone()),
            ("group", Some(&w.consortium_coordinator), C, private, hidden.clone()),
            ("group", Some(&w.consortium_coordinator), M, shared, forbidden.clone()),
            ("anonymous", None, M, shared, anonymous.clone()),
            ("anonymous", None, C, shared, anonymous.clone()),
        ];
        let mut decided = 0;
        for (who, actor, scope, id, expected) in cases {
            let set = service::set_override(&db, actor, &overriding(scope, id, "2", "Agreed")).await;
            assert_eq!(set, expected, "override: {who} {scope:?} {id}");
            let decision = service::decide(&db, actor, &deciding(scope, id, "Agreed", "")).await.map(|_| ());
            assert_eq!(decision, expected, "decision: {who} {scope:?} {id}");
            let removed = service::remove_override(&db, actor, scope.key(), id).await;
            assert_eq!(removed, expected, "remove: {who} {scope:?} {id}");
            if expected.is_ok() {
                decided += 1;
            }
        }
        assert_eq!(count(&db, "decisions").await, decided);
        assert_eq!(count(&db, "backlog_overrides").await, 0);

        // Where each may decide, as the candidate's page offers it.
        let scopes = |actor: Option<&Actor>, id: i64| {
            let db = db.clone();
            let actor = actor.cloned();
            async move { service::candidate_decisions(&db, actor.as_ref(), id).await.map(|d| d.may_decide_in) }
        };
        assert_eq!(scopes(Some(&w.coordinator), shared).await, Ok(vec![M]));
        assert_eq!(scopes(Some(&w.consortium_coordinator), shared).await, Ok(vec![C]));
        assert_eq!(scopes(Some(&w.reporter), shared).await, Ok(vec![]));
        assert_eq!(scopes(Some(&w.other_reporter), shared).await, Ok(vec![]));
        assert_eq!(scopes(None, shared).await, Err(AppError::Unauthenticated));
    })
    .await;
}

#[tokio::test]
async fn bad_decisions_are_refused_and_good_ones_listed() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let c = &w.coordinator;
        let id = report(&db, &w.reporter, "Invoices", Visibility::Consortium).await;
        assess(&db, c, id, 4, 4).await;
        let tomorrow = (time::OffsetDateTime::now_utc().date() + time::Duration::days(1)).to_string();
        let refused = [
            (deciding(Scope::Municipality, id, "   ", ""), "rationale", Invalid::Required),
            (deciding(Scope::Municipality, id, "Fine", &tomorrow), "decided_on", Invalid::InFuture),
            (deciding(Scope::Municipality, id, "Fine", "20.11.2026"), "decided_on", Invalid::NotADate),
            (
                DecisionForm { outcome: "maybe".into(), ..deciding(Scope::Municipality, id, "Fine", "") },
                "outcome",
                Invalid::UnknownChoice,
            ),
            (
                DecisionForm { meeting: "m".repeat(201), ..deciding(Scope::Municipality, id, "Fine", "") },
                "meeting",
                Invalid::TooLong { max: 200 },
            ),
            (
                DecisionForm { scope: "region".into(), ..deciding(Scope::Municipality, id, "Fine", "") },
                "scope",
                Invalid::UnknownChoice,
            ),
        ];
        for (form, field, problem) in refused {
            assert_eq!(service::decide(&db, Some(c), &form).await, Err(AppError::invalid(field, problem)), "{field}");
        }
        assert_eq!(count(&db, "decisions").await, 0, "nothing stored");

        service::decide(&db, Some(c), &deciding(Scope::Municipality, id, "Worth it", "2026-11-20"))
            .await
            .expect("first");
        let form = DecisionForm {
            outcome: "defer".into(),
            meeting: String::new(),
            ..deciding(Scope::Municipality, id, "Later", "")
        };
        service::decide(&db, Some(c), &form).await.expect("second");
        service::decide(
            &db,
            Some(&w.consortium_coordinator),
            &deciding(Scope::Consortium, id, "Shared win", "2026-11-21"),
        )
        .await
        .expect("group");

        let mine = service::candidate_decisions(&db, Some(&w.reporter), id).await.expect("decisions");
        let outcomes: Vec<&str> = mine.decisions.iter().map(|d| d.outcome.as_str()).collect();
        assert_eq!(outcomes, vec!["defer", "approve", "approve"], "newest first");
        assert_eq!(mine.decisions[1].meeting.as_deref(), Some("Coordination group 2026-11-20"));
        assert_eq!(mine.decisions[0].meeting, None);
        assert_eq!(mine.decisions[0].recorded_by, Some(app::identity::model::PersonRef::Named("coordinator".into())));
        let theirs = service::candidate_decisions(&db, Some(&w.other_reporter), id).await.expect("shared");
        assert_eq!(theirs.decisions[0].recorded_by, Some(app::identity::model::PersonRef::Withheld));

        // The backlog shows the newest decision of its own scope.
        let backlog =
            service::backlog(&db, Some(c), Scope::Municipality, &BacklogFilter::default()).await.expect("backlog");
        assert_eq!(backlog.rows[0].latest_decision.as_ref().map(|d| d.outcome.as_str()), Some("defer"));
        let group =
            service::backlog(&db, Some(c), Scope::Consortium, &BacklogFilter::default()).await.expect("backlog");
        assert_eq!(group.rows[0].latest_decision.as_ref().map(|d| d.decided_on.to_string()), Some("2026-11-21".into()));

        // The log's filters.
        let log = |scope: &str, from: &str, to: &str, outcome: &str| {
            let db = db.clone();
            let c = c.clone();
            let q = DecisionLogQuery { scope: scope.into(), from: from.into(), to: to.into(), outcome: outcome.into() };
            async move { service::decision_log(&db, Some(&c), &q).await.expect("log").len() }
        };
        assert_eq!(log("", "", "", "").await, 3);
        assert_eq!(log("consortium", "", "", "").await, 1);
        assert_eq!(log("", "", "", "defer").await, 1);
        assert_eq!(log("", "2026-11-21", "", "").await, 2);
        assert_eq!(log("", "", "2026-11-20", "").await, 1);
        assert_eq!(log("", "nonsense", "", "nonsense").await, 3, "filters that do not parse are ignored");
    })
    .await;
}

#[tokio::test]
async fn the_matrix_page_draws_links_with_names() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Payroll checks", Visibility::Municipality).await;
        assess(&db, &w.coordinator, id, 5, 4).await;
        let app = router(&db);
        let page = send(&app, get("/matrix", None)).await;
        assert!(!page.body.contains("Payroll checks"), "visitors see nothing");
        let cookie = sign_in(&app, "reporter@home.test").await;
        let page = send(&app, get("/matrix", Some(&cookie))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains(&format!("<a href=\"/candidates/{id}\" aria-label=\"Payroll checks: value ")),
            "{}",
            page.body
        );
        assert!(page.body.contains("<svg") && page.body.contains("class=\"matrix\""));
        assert!(page.body.contains("Quick win"));
        let page = send(&app, get("/backlog", Some(&cookie))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Payroll checks"));
        let page = send(&app, get("/decisions", Some(&cookie))).await;
        assert_eq!(page.status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn the_demo_has_assessed_candidates_in_the_backlogs() {
    each_backend(|db| async move {
        assert!(server::demo::load_if_empty(&db).await.expect("demo"));
        let assessed = with_pool!(&db, pool => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM candidates WHERE assessment_id IS NOT NULL").fetch_one(pool).await)
        .expect("count");
        assert!(assessed >= 5, "{assessed} assessed");
    })
    .await;
}

/// Like `assess`, with a note.
async fn assess_with_note(db: &Db, by: &Actor, candidate: i64, note: &str) {
    let version = store::latest_version(db).await.expect("model");
    let answers = answers(4, 4);
    let score = compute::score(&app::scoring::default_model::definition(), &answers).expect("scored");
    let new = NewAssessment {
        candidate_id: candidate,
        model_version: version,
        answers: &answers,
        score: &score,
        cause: Cause::Answers,
        note: Some(note),
        by: by.user_id,
        replaces: None,
    };
    store::insert_assessments(db, &[new]).await.expect("assessed");
}

#[tokio::test]
async fn internal_rationale_and_notes_stay_in_their_municipality() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Shared with everyone", Visibility::Public).await;
        assess_with_note(&db, &w.coordinator, id, "Internal: the union objects").await;
        service::decide(&db, Some(&w.coordinator), &deciding(Scope::Municipality, id, "Home budget talk", ""))
            .await
            .expect("municipality decision");
        service::decide(&db, Some(&w.consortium_coordinator), &deciding(Scope::Consortium, id, "Shared reasons", ""))
            .await
            .expect("consortium decision");
        // (reader, sees the municipality's own rationale and the assessment note)
        let readers: [(&str, Option<&Actor>, bool); 5] = [
            ("home reporter", Some(&w.reporter), true),
            ("home coordinator", Some(&w.coordinator), true),
            ("other reporter", Some(&w.other_reporter), false),
            ("other coordinator", Some(&w.other_coordinator), false),
            ("visitor", None, false),
        ];
        for (who, reader, internal) in readers {
            let decisions = service::candidate_decisions(&db, reader, id).await.expect("decisions").decisions;
            assert_eq!(decisions.len(), 2, "{who}");
            for d in &decisions {
                match d.scope {
                    Scope::Consortium if reader.is_some() => assert_eq!(d.rationale, "Shared reasons", "{who}"),
                    Scope::Consortium => assert_eq!(d.rationale, "", "visitors see no internal text"),
                    Scope::Municipality if internal => {
                        assert_eq!((d.rationale.as_str(), d.meeting.is_some()), ("Home budget talk", true), "{who}")
                    }
                    Scope::Municipality => assert_eq!((d.rationale.as_str(), &d.meeting), ("", &None), "{who}"),
                }
            }
            if let Some(actor) = reader {
                let log = service::decision_log(&db, Some(actor), &DecisionLogQuery::default()).await.expect("log");
                let texts: Vec<&str> = log.iter().map(|d| d.rationale.as_str()).collect();
                assert_eq!(texts.contains(&"Home budget talk"), internal, "{who}: {texts:?}");
            }
            match app::scoring::assessment::service::view(&db, reader, id, Locale::En).await {
                Ok(view) => {
                    let note = view.score.expect("assessed").note;
                    assert_eq!(note.is_some(), internal, "{who}: {note:?}");
                }
                Err(error) => assert!(reader.is_none(), "{who}: {error:?}"),
            }
            let history = app::scoring::assessment::service::history(&db, reader, id, Locale::En).await;
            if let Ok(history) = history {
                assert!(history.entries.iter().all(|e| e.note.is_some() == internal), "{who}");
            }
        }
    })
    .await;
}
