//! Assessing candidates on both databases: the default model's score checked by hand, bad
//! answers refused with nothing stored, the history explaining a change, the prefill from the
//! record, the policy matrix for assessing and reading, the API and the candidate's page.

use crate::api::{json_of, token, with_bearer};
use crate::client::{encode, get, post_form, router, send};
use crate::http::sign_in;
use crate::support::{each_backend, report, world};
use app::candidates::model::Visibility;
use app::common::error::{AppError, Invalid};
use app::common::locale::Locale;
use app::db::Db;
use app::identity::model::Actor;
use app::scoring::assessment::model::AssessForm;
use app::scoring::assessment::service;
use app::scoring::compute::{Answer, Answers, Quadrant};
use app::scoring::model::Cause;
use app::with_pool;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// A full set of answers to the default model.
fn answers() -> Answers {
    [
        ("volume", Answer::Number(2080.0)),
        ("handling_time", Answer::Number(15.0)),
        ("benefit", Answer::Number(4.0)),
        ("strategic_fit", Answer::Number(3.0)),
        ("rule_based", Answer::Number(5.0)),
        ("digital_input", Answer::Number(4.0)),
        ("stability", Answer::Yes(true)),
        ("exceptions", Answer::Number(5.0)),
        ("systems", Answer::Number(2.0)),
        ("legal_clarity", Answer::Number(5.0)),
    ]
    .into_iter()
    .map(|(k, a)| (k.to_owned(), a))
    .collect()
}

async fn stored(db: &Db) -> Vec<(f64, f64, f64, String)> {
    with_pool!(db, pool => sqlx::query_as::<_, (f64, f64, f64, String)>(
        "SELECT value_score, feasibility_score, utility, quadrant FROM assessments ORDER BY id").fetch_all(pool).await)
    .expect("assessments")
}

#[tokio::test]
async fn the_default_model_scores_as_computed_by_hand() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let before = service::view(&db, Some(&w.coordinator), id, Locale::En).await.expect("view");
        assert!(before.score.is_none() && before.may_assess);

        service::assess(&db, Some(&w.coordinator), id, &answers(), Some("First look")).await.expect("assessed");
        // Value: volume 2,080 → 3 points (50), handling 15 min → 4 (75), benefit 4 (75), fit 3 (50):
        // (3×50 + 2×75 + 2×75 + 1×50) / 8 = 62.5. Feasibility: rules 5 (100, ×3), input 4 (75, ×2),
        // stable (100, ×2), exceptions 5 % → 4 (75, ×2), 2 systems → 4 (75, ×1), legal 5 (100, ×2):
        // 1075 / 12 = 89.583…; utility = (62.5 + 89.583…) / 2 = 76.041…
        let rows = stored(&db).await;
        assert_eq!(rows.len(), 1);
        assert!(close(rows[0].0, 62.5));
        assert!(close(rows[0].1, 1075.0 / 12.0));
        assert!(close(rows[0].2, (62.5 + 1075.0 / 12.0) / 2.0));
        assert_eq!(rows[0].3, "quick_win");

        let view = service::view(&db, Some(&w.reporter), id, Locale::En).await.expect("view");
        assert!(!view.may_assess, "a reporter reads the score but does not assess");
        let score = view.score.expect("assessed");
        assert!(close(score.utility, rows[0].2));
        assert_eq!(score.quadrant, Quadrant::QuickWin);
        assert_eq!(score.model_version, 1);
        assert_eq!(score.newer_version, None);
        assert!(score.knocked_out.is_empty());
        assert_eq!(score.cause, Cause::Answers);
        assert_eq!(score.note.as_deref(), Some("First look"));
        let volume = score.lines.iter().find(|l| l.key == "volume").expect("volume line");
        assert_eq!((volume.label.as_str(), volume.answer_text.as_str()), ("Volume", "2,080 cases a year (≥ 2,000)"));
        assert_eq!(volume.points, 3);
        assert!(close(volume.contribution, 3.0 * 50.0 / 8.0));
        let value_sum: f64 =
            score.lines.iter().filter(|l| l.axis == app::scoring::model::Axis::Value).map(|l| l.contribution).sum();
        assert!(close(value_sum, score.value), "the breakdown adds up");
        let danish = service::view(&db, Some(&w.reporter), id, Locale::Da).await.expect("view").score.expect("score");
        assert_eq!(danish.lines[0].label, "Volumen");
    })
    .await;
}

#[tokio::test]
async fn bad_answers_are_refused_per_criterion_and_nothing_is_stored() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let mut bad = answers();
        bad.remove("stability");
        bad.insert("benefit".into(), Answer::Number(6.0));
        bad.insert("volume".into(), Answer::Yes(true));
        bad.insert("colour".into(), Answer::Number(1.0));
        let err = service::assess(&db, Some(&w.coordinator), id, &bad, None).await.expect_err("refused");
        assert_eq!(err.field("answers.stability"), Some(Invalid::Required));
        assert_eq!(err.field("answers.benefit"), Some(Invalid::UnknownChoice));
        assert_eq!(err.field("answers.volume"), Some(Invalid::NotANumber));
        assert_eq!(err.field("answers.colour"), Some(Invalid::UnknownField));
        let long = "x".repeat(2001);
        let err = service::assess(&db, Some(&w.coordinator), id, &answers(), Some(&long)).await.expect_err("long note");
        assert_eq!(err.field("note"), Some(Invalid::TooLong { max: 2000 }));
        // The form as typed: a word for a number, a level that does not exist.
        let mut form = AssessForm::default();
        form.answers.insert("volume".into(), "lots".into());
        form.answers.insert("rule_based".into(), "7".into());
        let err = service::assess_form(&db, Some(&w.coordinator), id, &form, Locale::En).await.expect_err("form");
        assert_eq!(err.field("answers.volume"), Some(Invalid::NotANumber));
        assert_eq!(err.field("answers.rule_based"), Some(Invalid::UnknownChoice));
        assert!(stored(&db).await.is_empty(), "nothing stored");
        let view = service::view(&db, Some(&w.coordinator), id, Locale::En).await.expect("view");
        assert!(view.score.is_none());
    })
    .await;
}

#[tokio::test]
async fn the_history_explains_how_the_score_changed() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        service::assess(&db, Some(&w.coordinator), id, &answers(), None).await.expect("first");
        let mut second = answers();
        second.insert("rule_based".into(), Answer::Number(1.0));
        second.insert("stability".into(), Answer::Yes(false));
        service::assess(&db, Some(&w.coordinator), id, &second, Some("Judgement after all")).await.expect("second");

        let history = service::history(&db, Some(&w.reporter), id, Locale::En).await.expect("history");
        assert_eq!(history.title, "Travel claims");
        assert_eq!(history.entries.len(), 2);
        let (newest, first) = (&history.entries[0], &history.entries[1]);
        assert!(first.change.is_none() && first.changed_answers.is_empty());
        assert_eq!(newest.note.as_deref(), Some("Judgement after all"));
        assert_eq!(newest.knocked_out, vec!["Rule-based".to_owned()]);
        let change = newest.change.expect("a change");
        // Rules 100 → 0 (×3) and stable 100 → 0 (×2) of 12: feasibility falls by 500 / 12.
        assert!(close(change.feasibility, -500.0 / 12.0));
        assert!(close(change.value, 0.0));
        assert!(close(change.utility, -250.0 / 12.0));
        let changed: Vec<(&str, Option<&str>, Option<&str>)> =
            newest.changed_answers.iter().map(|c| (c.label.as_str(), c.old.as_deref(), c.new.as_deref())).collect();
        assert_eq!(
            changed,
            vec![
                ("Rule-based", Some("5 – Fully rule-based"), Some("1 – Mostly judgement")),
                ("Stable process", Some("Stable for at least six months"), Some("Changes are expected")),
            ]
        );
        // The current score shows the knock-out with its answer.
        let score = service::view(&db, Some(&w.reporter), id, Locale::En).await.expect("view").score.expect("score");
        assert_eq!(score.knocked_out.len(), 1);
        assert_eq!(score.knocked_out[0].answer_text, "1 – Mostly judgement");
        // Named inside the municipality, withheld outside it (on a shared candidate).
        assert_eq!(score.assessed_by, Some(app::identity::model::PersonRef::Named("coordinator".into())));
    })
    .await;
}

#[tokio::test]
async fn the_form_is_prefilled_from_a_full_record() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        with_pool!(&db, pool => sqlx::query(
            "UPDATE candidates SET rule_based = $2, input_digital = $3, input_structured = $4, stable = $5, \
             exceptions_pct = $6, systems_count = $7 WHERE id = $1")
            .bind(id).bind(true).bind(true).bind(false).bind(false).bind(12.5).bind(3_i64)
            .execute(pool).await.map(|_| ()))
        .expect("record");
        let form = service::form_context(&db, Some(&w.coordinator), id, Locale::Da).await.expect("form");
        assert_eq!(form.model_version, 1);
        assert!(!form.assessed);
        let q = |key: &str| form.questions.iter().find(|q| q.criterion.key == key).expect(key);
        // 40 a week × 52 = 2,080 cases; 15 minutes each.
        assert_eq!((q("volume").value.as_str(), q("volume").from_record), ("2080", true));
        assert_eq!(q("handling_time").value, "15");
        assert_eq!((q("rule_based").value.as_str(), q("rule_based").from_record), ("5", true));
        assert_eq!(q("digital_input").value, "3", "digital but not structured");
        assert_eq!(q("stability").value, "no");
        assert_eq!(q("exceptions").value, "12,5", "in the reader's language");
        assert_eq!(q("systems").value, "3");
        assert_eq!((q("benefit").value.as_str(), q("benefit").from_record), ("", false), "the record does not know");

        // Once assessed on the current version, the form holds the answers given.
        let mut given = answers();
        given.insert("volume".into(), Answer::Number(999.0));
        service::assess(&db, Some(&w.coordinator), id, &given, None).await.expect("assessed");
        let form = service::form_context(&db, Some(&w.coordinator), id, Locale::En).await.expect("form");
        assert!(form.assessed);
        let volume = form.questions.iter().find(|q| q.criterion.key == "volume").expect("volume");
        assert_eq!((volume.value.as_str(), volume.from_record), ("999", false));
    })
    .await;
}

/// (who, as whom, candidate, assessing: allowed or the error, reading: may assess or the error)
type Case<'a> = (&'a str, Option<Actor>, i64, Result<(), AppError>, Result<bool, AppError>);

fn limited(coordinator: &Actor) -> Actor {
    Actor { coordinator_scope: vec!["/999999/".into()], ..coordinator.clone() }
}

#[tokio::test]
async fn who_may_assess_and_who_may_read_the_score() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let private = report(&db, &w.reporter, "Private", Visibility::Private).await;
        let municipal = report(&db, &w.reporter, "Municipal", Visibility::Municipality).await;
        let shared = report(&db, &w.reporter, "Shared", Visibility::Consortium).await;
        let public = report(&db, &w.reporter, "Public", Visibility::Public).await;
        let limited = limited(&w.coordinator);
        let assess = |who: Option<Actor>, id: i64| {
            let db = db.clone();
            async move { service::assess(&db, who.as_ref(), id, &answers(), None).await.map(|_| ()) }
        };
        let read = |who: Option<Actor>, id: i64| {
            let db = db.clone();
            async move { service::view(&db, who.as_ref(), id, Locale::En).await.map(|v| v.may_assess) }
        };
        // (who, candidate, assess, read: Ok(may_assess) or the error)
        let cases: Vec<Case> = vec![
            ("own coordinator, private", Some(w.coordinator.clone()), private, Ok(()), Ok(true)),
            ("own coordinator, municipal", Some(w.coordinator.clone()), municipal, Ok(()), Ok(true)),
            (
                "limited coordinator outside its departments",
                Some(limited.clone()),
                municipal,
                Err(AppError::Forbidden),
                Ok(false),
            ),
            (
                "limited coordinator, private of another",
                Some(limited.clone()),
                private,
                Err(AppError::NotFound),
                Err(AppError::NotFound),
            ),
            ("reporter, own private", Some(w.reporter.clone()), private, Err(AppError::Forbidden), Ok(false)),
            ("colleague, municipal", Some(w.colleague.clone()), municipal, Err(AppError::Forbidden), Ok(false)),
            (
                "other coordinator, private",
                Some(w.other_coordinator.clone()),
                private,
                Err(AppError::NotFound),
                Err(AppError::NotFound),
            ),
            (
                "other coordinator, municipal",
                Some(w.other_coordinator.clone()),
                municipal,
                Err(AppError::NotFound),
                Err(AppError::NotFound),
            ),
            (
                "other coordinator, shared",
                Some(w.other_coordinator.clone()),
                shared,
                Err(AppError::Forbidden),
                Ok(false),
            ),
            ("consortium coordinator, shared", Some(w.consortium_coordinator.clone()), shared, Ok(()), Ok(true)),
            ("consortium coordinator, public", Some(w.consortium_coordinator.clone()), public, Ok(()), Ok(true)),
            (
                "consortium coordinator, municipal",
                Some(w.consortium_coordinator.clone()),
                municipal,
                Err(AppError::Forbidden),
                Ok(false),
            ),
            ("anonymous, public", None, public, Err(AppError::Unauthenticated), Ok(false)),
            ("anonymous, shared", None, shared, Err(AppError::Unauthenticated), Err(AppError::NotFound)),
        ];
        for (name, who, id, may_assess, may_read) in cases {
            assert_eq!(assess(who.clone(), id).await, may_assess, "assess: {name}");
            assert_eq!(read(who.clone(), id).await, may_read, "read: {name}");
            let history = service::history(&db, who.as_ref(), id, Locale::En).await.map(|_| ());
            assert_eq!(history, may_read.map(|_| ()), "history: {name}");
        }
        // The other municipality's coordinator reads the shared score, the assessor withheld.
        let score = service::view(&db, Some(&w.other_coordinator), shared, Locale::En).await.expect("view").score;
        assert_eq!(score.expect("assessed").assessed_by, Some(app::identity::model::PersonRef::Withheld));
        // Refused assessments stored nothing: one snapshot per allowed case.
        assert_eq!(stored(&db).await.len(), 4);
    })
    .await;
}

#[tokio::test]
async fn the_api_reads_the_score_and_takes_an_assessment() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let app = router(&db);
        let write = token(&db, &w.coordinator, "write").await;
        let read = token(&db, &w.coordinator, "read").await;
        let post = |token: String, body: serde_json::Value| {
            let app = app.clone();
            async move {
                let request = with_bearer(Request::post(format!("/api/v1/candidates/{id}/assessments")), &token)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string()))
                    .expect("req");
                send(&app, request).await
            }
        };
        let body = json!({"answers": {"volume": 2080, "handling_time": 15, "benefit": 4, "strategic_fit": 3,
            "rule_based": 5, "digital_input": 4, "stability": true, "exceptions": 5, "systems": 2,
            "legal_clarity": 5}, "note": "By script"});

        let refused = post(read.token.clone(), body.clone()).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "a read token does not assess");
        let unknown = post(write.token.clone(), json!({"answers": {"volume": 1}, "colour": "red"})).await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields = json_of(&unknown)["fields"].to_string();
        assert!(fields.contains("colour") && fields.contains("UnknownField"), "{fields}");
        let missing = post(write.token.clone(), json!({"answers": {"volume": 1}})).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields = json_of(&missing)["fields"].to_string();
        assert!(fields.contains("answers.stability") && fields.contains("Required"), "{fields}");
        let wrong = post(write.token.clone(), json!({"answers": {"volume": "many"}})).await;
        assert!(json_of(&wrong)["fields"].to_string().contains("WrongType"));
        assert!(stored(&db).await.is_empty());

        let created = post(write.token.clone(), body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        assert_eq!(created.location(), format!("/api/v1/candidates/{id}/score"));
        let score = json_of(&created);
        assert!(close(score["utility"].as_f64().expect("utility"), (62.5 + 1075.0 / 12.0) / 2.0));
        assert_eq!(score["quadrant"], "quick_win");

        let answer = send(
            &app,
            with_bearer(Request::get(format!("/api/v1/candidates/{id}/score")), &read.token)
                .body(Body::empty())
                .expect("req"),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let got = json_of(&answer);
        assert_eq!(got["score"]["lines"][0]["answer_text"], "2,080 cases a year (≥ 2,000)");
        assert!(close(got["benefit"]["figures"]["manual_hours"].as_f64().expect("hours"), 520.0));

        let answer = send(
            &app,
            with_bearer(Request::get(format!("/api/v1/candidates/{id}/assessments")), &read.token)
                .body(Body::empty())
                .expect("req"),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(json_of(&answer).as_array().map(Vec::len), Some(1));

        // The other municipality does not see a municipal candidate's score.
        let theirs = token(&db, &w.other_coordinator, "read").await;
        let answer = send(
            &app,
            with_bearer(Request::get(format!("/api/v1/candidates/{id}/score")), &theirs.token)
                .body(Body::empty())
                .expect("req"),
        )
        .await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn the_page_shows_the_score_and_the_form_works_without_javascript() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let app = router(&db);
        let coordinator = sign_in(&app, "coordinator@home.test").await;

        let page = send(&app, get(&format!("/candidates/{id}"), Some(&coordinator))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Not assessed yet"), "the score section before an assessment");
        assert!(page.body.contains(&format!("href=\"/candidates/{id}/assessment\"")));

        let form = send(&app, get(&format!("/candidates/{id}/assessment"), Some(&coordinator))).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("From the record"), "prefilled answers are marked");

        let mut pairs: Vec<(String, String)> = vec![
            ("volume", "2080"),
            ("handling_time", "15"),
            ("benefit", "4"),
            ("strategic_fit", "3"),
            ("rule_based", "5"),
            ("digital_input", "4"),
            ("stability", "yes"),
            ("exceptions", "5"),
            ("systems", "2"),
            ("legal_clarity", "5"),
        ]
        .into_iter()
        .map(|(k, v)| (format!("form[answers][{k}]"), v.to_owned()))
        .collect();
        pairs.push(("id".into(), id.to_string()));
        pairs.push(("form[note]".into(), "On paper".into()));
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let body = encode(&borrowed);
        let answer = send(
            &app,
            post_form("/fn/scoring/assess", Some(&coordinator))
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .header(header::REFERER, format!("http://127.0.0.1:3000/candidates/{id}/assessment"))
                .body(Body::from(body))
                .expect("req"),
        )
        .await;
        assert!(answer.status.is_redirection(), "{} {}", answer.status, answer.body);
        assert!(answer.location().starts_with(&format!("/candidates/{id}")), "{}", answer.location());
        assert_eq!(stored(&db).await.len(), 1);

        let page = send(&app, get(&format!("/candidates/{id}"), Some(&coordinator))).await;
        assert!(page.body.contains("Quick win"), "the quadrant");
        assert!(page.body.contains("2,080 cases a year (≥ 2,000)"), "the breakdown");
        assert!(page.body.contains("<caption"), "a captioned table");
        assert!(page.body.contains(&format!("href=\"/candidates/{id}/scores\"")));
        let history = send(&app, get(&format!("/candidates/{id}/scores"), Some(&coordinator))).await;
        assert_eq!(history.status, StatusCode::OK);
        assert!(history.body.contains("On paper"));
    })
    .await;
}
