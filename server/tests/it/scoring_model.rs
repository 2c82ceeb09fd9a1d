//! The scoring model editor on both databases: the shipped version 1, a coordinator's draft
//! published as version 2, problems and stale forms refused without a change, who may read,
//! edit and publish, and the pages over HTTP.

use crate::client::{encode, get, post_form, router, send};
use crate::http::sign_in;
use crate::support::{each_backend, world};
use app::common::error::{AppError, Invalid};
use app::common::locale::Locale;
use app::identity::model::{Actor, Role};
use app::scoring::default_model;
use app::scoring::diff::{Attr, Change};
use app::scoring::editor::service::{self as editor, SettingsForm};
use app::scoring::store;
use axum::body::Body;
use axum::http::StatusCode;
use std::collections::HashMap;

fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn yes_no(revision: i64, key: &str) -> HashMap<String, String> {
    let revision = revision.to_string();
    form(&[
        ("revision", &revision),
        ("key", key),
        ("axis", "feasibility"),
        ("kind", "yes_no"),
        ("weight", "2,5"),
        ("label_en", "An API exists"),
        ("label_da", "Der findes et API"),
        ("yes_en", "Yes, documented"),
        ("no_en", "No"),
    ])
}

#[tokio::test]
async fn a_coordinator_publishes_version_two_and_version_one_stays() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let group = Some(&w.consortium_coordinator);
        let v1 = editor::model(&db, Some(&w.reporter), None).await.expect("current");
        assert_eq!(v1.version, 1);
        assert_eq!(v1.definition, default_model::definition());

        // The draft starts as a copy of the current version, not yet stored.
        let draft = editor::draft(&db, group).await.expect("draft");
        assert_eq!((draft.revision, draft.based_on), (0, 1));
        assert!(draft.problems.is_empty());

        let first = draft.definition.criteria[0].clone();
        let mut change = form(&[("revision", "0"), ("axis", first.axis.key()), ("kind", first.kind.key())]);
        change.insert("weight".into(), "7,5".into());
        change.insert("label_en".into(), first.label.en.clone());
        match &first.kind {
            app::scoring::model::Kind::Number { unit, bands } => {
                change.insert("unit_en".into(), unit.en.clone());
                for (i, b) in bands.iter().enumerate() {
                    change.insert(format!("band_{i}_min"), Locale::Da.editable(b.min));
                    change.insert(format!("band_{i}_points"), b.points.to_string());
                }
            }
            app::scoring::model::Kind::Scale { levels } => {
                for (i, l) in levels.iter().enumerate() {
                    change.insert(format!("level_{}_en", i + 1), l.en.clone());
                }
            }
            app::scoring::model::Kind::YesNo { yes, no } => {
                change.insert("yes_en".into(), yes.en.clone());
                change.insert("no_en".into(), no.en.clone());
            }
        }
        if let Some(p) = first.prefill {
            change.insert("prefill".into(), p.key().into());
        }
        editor::save_criterion(&db, group, Some(&first.key), &change, Locale::Da).await.expect("weight saved");
        editor::save_criterion(&db, group, None, &yes_no(1, "has_api"), Locale::Da).await.expect("added");
        let draft = editor::draft(&db, group).await.expect("draft");
        assert_eq!(draft.revision, 2);
        assert_eq!(draft.definition.criteria[0].weight, 7.5);
        assert_eq!(draft.definition.criterion("has_api").expect("added").weight, 2.5);

        // Publishing wants a note.
        let refused = editor::publish(&db, group, "2", "  ").await;
        assert_eq!(refused, Err(AppError::invalid("note", Invalid::Required)));
        let v = editor::publish(&db, group, "2", "API access matters more").await.expect("published");
        assert_eq!(v, 2);
        assert!(store::draft(&db).await.expect("read").is_none(), "the draft is gone");

        let v2 = editor::model(&db, Some(&w.reporter), None).await.expect("current");
        assert_eq!((v2.version, v2.note.as_str()), (2, "API access matters more"));
        assert_eq!(v2.definition.criteria[0].weight, 7.5);
        let old = editor::model(&db, Some(&w.reporter), Some(1)).await.expect("v1");
        assert_eq!(old.definition, default_model::definition(), "version 1 unchanged");
        assert_eq!(editor::versions(&db, Some(&w.other_reporter)).await.expect("list").len(), 2);

        let cmp = editor::compare(&db, Some(&w.other_reporter), Some(1), Some(2)).await.expect("compare");
        assert!(cmp.changes.iter().any(|c| matches!(c, Change::Added { key, .. } if key == "has_api")));
        assert!(cmp.changes.iter().any(|c| matches!(c, Change::Changed { key, what, .. }
            if *key == first.key && what.contains(&Attr::Weight { from: first.weight, to: 7.5 }))));
        // Publishing again without a draft is refused clearly.
        assert_eq!(editor::publish(&db, group, "0", "again").await, Err(AppError::invalid("draft", Invalid::NoDraft)));
    })
    .await;
}

#[tokio::test]
async fn bad_drafts_and_stale_forms_change_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let group = Some(&w.consortium_coordinator);
        // A bad criterion: its problems come back by field, nothing is stored.
        let mut bad = yes_no(0, "Bad Key");
        bad.insert("weight".into(), "250".into());
        bad.insert("yes_en".into(), String::new());
        let Err(AppError::Invalid(errors)) = editor::save_criterion(&db, group, None, &bad, Locale::En).await else {
            panic!("refused")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["key", "weight"]);
        assert!(store::draft(&db).await.expect("read").is_none());
        let mut bad = yes_no(0, "good_key");
        bad.insert("yes_en".into(), String::new());
        bad.insert("prefill".into(), "annual_volume".into());
        let Err(AppError::Invalid(errors)) = editor::save_criterion(&db, group, None, &bad, Locale::En).await else {
            panic!("refused")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["yes_en", "prefill"]);
        assert!(store::draft(&db).await.expect("read").is_none());

        // A draft whose axis weighs nothing saves, but does not publish.
        let settings = SettingsForm {
            revision: "0".into(),
            value_blend_pct: "60".into(),
            value_threshold: "50".into(),
            feasibility_threshold: "50".into(),
        };
        editor::save_settings(&db, group, &settings, Locale::En).await.expect("saved");
        let draft = editor::draft(&db, group).await.expect("draft");
        let mut revision = draft.revision;
        for c in draft.definition.criteria.iter().filter(|c| c.axis == app::scoring::model::Axis::Value) {
            editor::criterion_op(&db, group, &revision.to_string(), &c.key, "remove").await.expect("removed");
            revision += 1;
        }
        let Err(AppError::Invalid(errors)) = editor::publish(&db, group, &revision.to_string(), "value gone").await
        else {
            panic!("refused")
        };
        assert!(errors.iter().any(|e| e.field == "model:axis_value" && e.problem == Invalid::AxisWithoutWeight));
        assert_eq!(store::latest_version(&db).await.expect("latest"), 1, "nothing published");

        // A stale form: someone saved meanwhile.
        let stale = SettingsForm { revision: "1".into(), ..settings.clone() };
        assert_eq!(editor::save_settings(&db, group, &stale, Locale::En).await, Err(AppError::Conflict));
        assert_eq!(editor::publish(&db, group, "1", "stale").await, Err(AppError::Conflict));
        assert_eq!(editor::criterion_op(&db, group, "1", "volume", "up").await, Err(AppError::Conflict));
        assert_eq!(editor::draft(&db, group).await.expect("draft").revision, revision, "unchanged");

        // A bad number in the settings.
        let bad = SettingsForm { revision: revision.to_string(), value_blend_pct: "lots".into(), ..settings };
        assert_eq!(
            editor::save_settings(&db, group, &bad, Locale::En).await,
            Err(AppError::invalid("value_blend_pct", Invalid::NotANumber))
        );

        editor::discard(&db, group).await.expect("discarded");
        assert_eq!(editor::draft(&db, group).await.expect("draft").revision, 0);
    })
    .await;
}

#[tokio::test]
async fn who_may_read_edit_and_publish() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let consortium_admin = Actor::new(w.municipality_admin.user_id, w.home, vec![Role::ConsortiumAdmin]);
        let people: [(&str, Option<&Actor>, bool, bool); 6] = [
            ("anonymous", None, false, false),
            ("reporter", Some(&w.reporter), true, false),
            ("coordinator", Some(&w.coordinator), true, false),
            ("municipality admin", Some(&w.municipality_admin), true, false),
            ("consortium admin", Some(&consortium_admin), true, false),
            ("consortium coordinator", Some(&w.consortium_coordinator), true, true),
        ];
        for (who, actor, read, edit) in people {
            let refusal = if actor.is_none() { AppError::Unauthenticated } else { AppError::Forbidden };
            let reading = editor::model(&db, actor, None).await;
            assert_eq!(reading.is_ok(), read, "{who} reads");
            assert_eq!(editor::versions(&db, actor).await.is_ok(), read, "{who} lists");
            assert_eq!(editor::compare(&db, actor, Some(1), Some(1)).await.is_ok(), read, "{who} compares");
            if !read {
                assert_eq!(reading.err(), Some(AppError::Unauthenticated));
            }
            let draft = editor::draft(&db, actor).await;
            assert_eq!(draft.is_ok(), edit, "{who} opens the draft");
            let added = editor::save_criterion(&db, actor, None, &yes_no(0, "has_api"), Locale::En).await;
            let published = editor::publish(&db, actor, "1", "mine").await;
            let discarded = editor::discard(&db, actor).await;
            if edit {
                added.expect("added");
                published.expect("published");
                discarded.expect("discarded");
            } else {
                assert_eq!(draft.err(), Some(refusal.clone()), "{who}");
                assert_eq!(added, Err(refusal.clone()), "{who} edits");
                assert_eq!(published, Err(refusal.clone()), "{who} publishes");
                assert_eq!(discarded, Err(refusal), "{who} discards");
                assert!(store::draft(&db).await.expect("read").is_none(), "{who} changed nothing");
            }
        }
        assert_eq!(store::latest_version(&db).await.expect("latest"), 2);
    })
    .await;
}

#[tokio::test]
async fn the_pages_render_and_the_forms_post() {
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        let anonymous = send(&app, get("/scoring", None)).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        let reporter = sign_in(&app, "reporter@home.test").await;
        let page = send(&app, get("/scoring", Some(&reporter))).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("Scoring model"));
        assert!(page.body.contains("Version 1"));
        assert!(page.body.contains("points"), "bands and levels are shown");
        let draft = send(&app, get("/scoring/draft", Some(&reporter))).await;
        assert_eq!(draft.status, StatusCode::FORBIDDEN);

        let group = sign_in(&app, "group@home.test").await;
        let draft = send(&app, get("/scoring/draft", Some(&group))).await;
        assert_eq!(draft.status, StatusCode::OK, "{}", draft.body);
        let body = encode(&[
            ("form[revision]", "0"),
            ("form[value_blend_pct]", "55"),
            ("form[value_threshold]", "50"),
            ("form[feasibility_threshold]", "50"),
        ]);
        let saved =
            send(&app, post_form("/fn/scoring/draft/settings", Some(&group)).body(Body::from(body)).expect("req"))
                .await;
        assert!(saved.status.is_success() || saved.status.is_redirection(), "{:?} {}", saved.status, saved.body);
        let body = encode(&[("revision", "1"), ("note", "More weight on value")]);
        let published =
            send(&app, post_form("/fn/scoring/draft/publish", Some(&group)).body(Body::from(body)).expect("req")).await;
        assert!(published.status.is_success() || published.status.is_redirection(), "{:?}", published.status);
        let versions = send(&app, get("/scoring/versions", Some(&reporter))).await;
        assert!(versions.body.contains("More weight on value"));
        let compare = send(&app, get("/scoring/compare?from=1&to=2", Some(&reporter))).await;
        assert_eq!(compare.status, StatusCode::OK);
        assert!(compare.body.contains("Share of value in the utility: 50"), "{}", compare.body);
        let criterion = send(&app, get("/scoring/draft/criteria/new", Some(&group))).await;
        assert_eq!(criterion.status, StatusCode::OK);
        assert!(criterion.body.contains("<legend>"), "languages and answers are grouped");

        // Over HTTP too: a bad criterion and a reporter's publish change nothing.
        let body =
            encode(&[("original", ""), ("form[revision]", "0"), ("form[key]", "Bad Key"), ("form[kind]", "yes_no")]);
        let bad =
            send(&app, post_form("/fn/scoring/draft/criterion", Some(&group)).body(Body::from(body)).expect("req"))
                .await;
        assert!(!bad.status.is_success(), "{:?}", bad.status);
        assert!(store::draft(&db).await.expect("read").is_none());
        let body = encode(&[("revision", "0"), ("note", "mine")]);
        let refused =
            send(&app, post_form("/fn/scoring/draft/publish", Some(&reporter)).body(Body::from(body)).expect("req"))
                .await;
        assert!(!refused.status.is_success(), "{:?}", refused.status);
        assert_eq!(store::latest_version(&db).await.expect("latest"), 2);
    })
    .await;
}

#[tokio::test]
async fn comparing_versions_refuses_numbers_out_of_range_without_overflow() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let who = Some(&w.reporter);
        for (from, to, field) in [
            (None, Some(i64::MIN), "to"),
            (None, Some(0), "to"),
            (None, Some(i64::MAX), "to"),
            (Some(i64::MIN), Some(1), "from"),
            (Some(i64::MAX), None, "from"),
        ] {
            let refused = editor::compare(&db, who, from, to).await;
            assert_eq!(
                refused,
                Err(AppError::invalid(field, Invalid::OutOfRange { min: 1, max: 1 })),
                "{from:?} {to:?}"
            );
        }
        assert!(editor::compare(&db, who, None, None).await.is_ok());
    })
    .await;
}
