//! Benefit and cost on both databases: the municipality's settings (saved, refused with nothing
//! changed, only for its admins) and the figures on the candidate's page from a full record.

use crate::client::{encode, get, post_form, router, send};
use crate::http::sign_in;
use crate::support::{each_backend, report, world};
use app::admin::model::SettingsForm;
use app::admin::service as admin;
use app::candidates::benefit::Missing;
use app::candidates::model::{Phase, Status, TransitionForm, Visibility};
use app::candidates::record::model::RecordForm;
use app::candidates::record::service as record_service;
use app::candidates::service;
use app::common::error::{AppError, Invalid};
use app::common::locale::Locale;
use app::crypto::KeyRing;
use axum::body::Body;
use axum::http::{header, StatusCode};

const K1: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn form() -> SettingsForm {
    SettingsForm {
        working_days_per_year: "200".into(),
        hours_per_day: "7,5".into(),
        loaded_hourly_rate: "500".into(),
        discount_rate_pct: "3,5".into(),
        currency: "eur".into(),
        years: "4".into(),
    }
}

#[tokio::test]
async fn the_admin_saves_the_settings_and_bad_ones_change_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let before = admin::settings(&db, Some(&w.municipality_admin)).await.expect("settings");
        assert_eq!(before.municipality, "Home Kommune");
        assert_eq!((before.working_time.working_days_per_year, before.working_time.hours_per_day), (220.0, 7.4));
        assert_eq!(
            (before.economics.loaded_hourly_rate, before.economics.discount_rate_pct),
            (450.0, 4.0),
            "the migration's defaults"
        );
        assert_eq!((before.economics.currency.as_str(), before.economics.years), ("DKK", 5));

        admin::save_settings(&db, Some(&w.municipality_admin), &form(), Locale::Da).await.expect("saved");
        let after = admin::settings(&db, Some(&w.municipality_admin)).await.expect("settings");
        assert_eq!((after.working_time.working_days_per_year, after.working_time.hours_per_day), (200.0, 7.5));
        assert_eq!((after.economics.loaded_hourly_rate, after.economics.discount_rate_pct), (500.0, 3.5));
        assert_eq!((after.economics.currency.as_str(), after.economics.years), ("EUR", 4));

        // A bad currency and a negative rate: both reported, nothing saved (not even the
        // fields that were fine).
        let bad = SettingsForm {
            currency: "KR".into(),
            loaded_hourly_rate: "-10".into(),
            working_days_per_year: "210".into(),
            ..form()
        };
        match admin::save_settings(&db, Some(&w.municipality_admin), &bad, Locale::Da).await {
            Err(AppError::Invalid(errors)) => {
                let fields: Vec<(&str, Invalid)> = errors.iter().map(|e| (e.field.as_str(), e.problem)).collect();
                assert_eq!(
                    fields,
                    vec![
                        ("loaded_hourly_rate", Invalid::OutOfRange { min: 0, max: 100_000 }),
                        ("currency", Invalid::NotACurrency),
                    ]
                );
            }
            other => panic!("refused, got {other:?}"),
        }
        assert_eq!(admin::settings(&db, Some(&w.municipality_admin)).await.expect("settings"), after);

        // Not an admin, or not signed in: refused, nothing changed.
        let mine = SettingsForm { currency: "SEK".into(), ..form() };
        for (who, want) in [
            (Some(&w.reporter), AppError::Forbidden),
            (Some(&w.coordinator), AppError::Forbidden),
            (Some(&w.consortium_coordinator), AppError::Forbidden),
            (None, AppError::Unauthenticated),
        ] {
            assert_eq!(admin::save_settings(&db, who, &mine, Locale::En).await, Err(want.clone()));
            assert_eq!(admin::settings(&db, who).await.map(|_| ()), Err(want));
        }
        assert_eq!(admin::settings(&db, Some(&w.municipality_admin)).await.expect("settings"), after);
    })
    .await;
}

fn record(id: i64) -> RecordForm {
    RecordForm {
        candidate_id: id,
        title: "Travel claims".into(),
        description: "Typed by hand from one system into another.".into(),
        visibility: "consortium".into(),
        volume: "40".into(),
        period: "week".into(),
        minutes_per_case: "15".into(),
        error_rate_pct: "5".into(),
        rework_minutes: "30".into(),
        review_minutes: "3".into(),
        automation_share_pct: "80".into(),
        build_cost: "90000".into(),
        annual_run_cost: "20000".into(),
        ..RecordForm::default()
    }
}

#[tokio::test]
async fn the_detail_carries_what_the_benefit_needs() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let k = KeyRing::parse(&format!("k1:{K1}")).expect("keys");
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Consortium).await;

        // A quick report: volumetrics only, the benefit waits for the automation share.
        let quick = service::get(&db, Some(&w.reporter), id).await.expect("visible").benefit();
        assert!(close(quick.figures.manual_hours, 520.0), "2,080 cases × 15 minutes");
        assert_eq!(quick.missing, vec![Missing::AutomationShare, Missing::Costs]);
        assert_eq!(quick.benefit_money, None);

        // The volume group in the idea phase; the cost group from analysis on.
        record_service::edit(&db, &k, Some(&w.reporter), &record(id), Locale::En).await.expect("saved");
        let idea = service::get(&db, Some(&w.reporter), id).await.expect("visible").benefit();
        assert_eq!(idea.missing, vec![Missing::Costs], "costs are not taken before analysis");
        let to_analysis = TransitionForm {
            candidate_id: id,
            phase: Phase::Analysis.as_str().into(),
            status: Status::Active.as_str().into(),
            reason: "Fast track".into(),
            duplicate_of: String::new(),
        };
        service::transition(&db, Some(&w.coordinator), &to_analysis).await.expect("moved");
        record_service::edit(&db, &k, Some(&w.coordinator), &record(id), Locale::En).await.expect("saved");

        // The municipality's defaults: 220 days of 7.4 hours, 450 an hour, 4 %, 5 years.
        let own = service::get(&db, Some(&w.reporter), id).await.expect("visible");
        assert_eq!((own.economics.currency.as_str(), own.economics.years), ("DKK", 5));
        let b = own.benefit();
        // H = 2,080 × (15 + 0.05 × 30 + 3) / 60 = 676; benefit 540.8 hours × 450 = 243,360;
        // net 223,360; payback 90,000 / 223,360; ROI (1,216,800 − 190,000) / 190,000.
        assert!(close(b.figures.manual_hours, 676.0));
        assert!(close(b.figures.fte, 676.0 / 1628.0));
        assert!(b.benefit_hours.is_some_and(|v| close(v, 540.8)));
        assert!(b.benefit_money.is_some_and(|v| close(v, 243_360.0)));
        assert!(b.net_annual_benefit.is_some_and(|v| close(v, 223_360.0)));
        assert!(b.payback_years.is_some_and(|v| close(v, 90_000.0 / 223_360.0)));
        assert!(b.roi.is_some_and(|v| close(v, 1_026_800.0 / 190_000.0)));
        assert!(b.npv.is_some_and(|v| (v - 904_359.04).abs() < 0.01));
        assert!(b.missing.is_empty());

        // Another municipality reads the shared candidate trimmed, but with the same figures
        // (the candidate's municipality's settings, not the reader's).
        let elsewhere = service::get(&db, Some(&w.other_reporter), id).await.expect("shared");
        assert_eq!(elsewhere.record.internal_notes, None);
        assert_eq!(elsewhere.benefit(), b);

        // New settings show at once: 500 an hour → 540.8 × 500 = 270,400 a year.
        let rate = SettingsForm {
            working_days_per_year: "220".into(),
            hours_per_day: "7.4".into(),
            loaded_hourly_rate: "500".into(),
            discount_rate_pct: "0".into(),
            currency: "DKK".into(),
            years: "5".into(),
        };
        admin::save_settings(&db, Some(&w.municipality_admin), &rate, Locale::En).await.expect("saved");
        let b = service::get(&db, None, id).await.map(|_| ()).err();
        assert_eq!(b, Some(AppError::NotFound), "consortium candidates are not public");
        let b = service::get(&db, Some(&w.other_reporter), id).await.expect("shared").benefit();
        assert!(b.benefit_money.is_some_and(|v| close(v, 270_400.0)));
        // At 0 %: NPV = −90,000 + 5 × 250,400 = 1,162,000.
        assert!(b.npv.is_some_and(|v| close(v, 1_162_000.0)));
    })
    .await;
}

#[tokio::test]
async fn pages_show_the_figures_and_the_settings_form_works_without_javascript() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let k = KeyRing::parse(&format!("k1:{K1}")).expect("keys");
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Consortium).await;
        let app = router(&db);

        // Before the automation share: the page says what to fill in, and where.
        let reporter = sign_in(&app, "reporter@home.test").await;
        let page = send(&app, get(&format!("/candidates/{id}"), Some(&reporter))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Benefit and cost"));
        assert!(page.body.contains("Fill in the automation share to see the benefit."));
        assert!(page.body.contains(&format!("href=\"/candidates/{id}/edit\"")));

        record_service::edit(&db, &k, Some(&w.reporter), &record(id), Locale::En).await.expect("saved");
        let to_analysis = TransitionForm {
            candidate_id: id,
            phase: Phase::Analysis.as_str().into(),
            status: Status::Active.as_str().into(),
            reason: "Fast track".into(),
            duplicate_of: String::new(),
        };
        service::transition(&db, Some(&w.coordinator), &to_analysis).await.expect("moved");
        record_service::edit(&db, &k, Some(&w.coordinator), &record(id), Locale::En).await.expect("saved");

        // Another municipality's reader, in English and in Danish.
        let other = sign_in(&app, "reporter@other.test").await;
        let page = send(&app, get(&format!("/candidates/{id}"), Some(&other))).await;
        assert_eq!(page.status, StatusCode::OK);
        for shown in ["676", "DKK\u{a0}243,360", "DKK\u{a0}223,360", "0.4 years", "540 %", "DKK\u{a0}904,359"] {
            assert!(page.body.contains(shown), "{shown} on the page");
        }
        let danish = format!("{other}; autoport_lang=da");
        let page = send(&app, get(&format!("/candidates/{id}"), Some(&danish))).await;
        for shown in ["243.360\u{a0}DKK", "0,4 år", "Nutidsværdi over 5 år"] {
            assert!(page.body.contains(shown), "{shown} on the Danish page");
        }

        // The settings form, posted by a browser without JavaScript.
        let admin_cookie = sign_in(&app, "admin@home.test").await;
        let page = send(&app, get("/admin/settings", Some(&admin_cookie))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Loaded hourly rate") && page.body.contains("value=\"DKK\""));
        let post = |cookie: &str, currency: &str| {
            post_form("/fn/admin/settings/save", Some(cookie))
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .header(header::REFERER, "http://127.0.0.1:3000/admin/settings")
                .body(Body::from(encode(&[
                    ("form[working_days_per_year]", "220"),
                    ("form[hours_per_day]", "7.4"),
                    ("form[loaded_hourly_rate]", "500"),
                    ("form[discount_rate_pct]", "4"),
                    ("form[currency]", currency),
                    ("form[years]", "5"),
                ])))
                .expect("req")
        };
        let refused = send(&app, post(&admin_cookie, "Kroner")).await;
        assert!(refused.status.is_redirection(), "{}", refused.status);
        let location = refused.location().trim_start_matches("http://127.0.0.1:3000").to_owned();
        assert!(location.starts_with("/admin/settings") && location.contains("__err="), "{location}");
        let page = send(&app, get(&location, Some(&admin_cookie))).await;
        assert!(page.body.contains("Enter the currency as three capital letters"), "the field message");
        assert!(page.body.contains("aria-invalid=\"true\""));

        let forbidden = send(&app, post(&reporter, "SEK")).await;
        assert!(!forbidden.location().contains("saved=1"), "{}", forbidden.location());
        let saved = send(&app, post(&admin_cookie, "EUR")).await;
        assert!(saved.location().ends_with("/admin/settings?saved=1"), "{}", saved.location());
        let page = send(&app, get(&format!("/candidates/{id}"), Some(&other))).await;
        assert!(page.body.contains("EUR\u{a0}270,400"), "540.8 hours × 500");
    })
    .await;
}
