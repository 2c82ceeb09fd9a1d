//! Candidate services on both databases: reporting, validation, and the visibility matrix
//! (the SQL filter must give exactly the answers of `policy::may_view_candidate`).

use crate::support::{count_candidates, each_backend, world};
use app::admin::model::{DepartmentForm, UserForm};
use app::admin::service as admin_service;
use app::candidates::model::{CandidateForm, Visibility};
use app::candidates::service;
use app::common::error::{AppError, Invalid};
use app::common::locale::Locale;
use app::identity::model::{Actor, PersonRef};
use app::identity::policy::{may_view_candidate, CandidateAccess};

/// The first page of the list as the list page and the API ask for it, with no filter.
async fn listed(db: &app::db::Db, actor: Option<&Actor>) -> Vec<app::candidates::model::CandidateSummary> {
    service::search(db, actor, Default::default(), Vec::new()).await.expect("list").items
}

fn form(title: &str, visibility: Visibility, department: Option<i64>) -> CandidateForm {
    CandidateForm {
        title: title.into(),
        description: "Typed by hand from one system into another.".into(),
        department_id: department.map(|d| d.to_string()).unwrap_or_default(),
        volume: "40".into(),
        period: "week".into(),
        minutes_per_case: "15".into(),
        visibility: visibility.as_str().into(),
    }
}

#[tokio::test]
async fn reporting_stores_and_reads_back_with_figures() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = service::report(
            &db,
            Some(&w.reporter),
            &form("Travel claims", Visibility::Municipality, Some(w.home_department)),
            Locale::En,
        )
        .await
        .expect("reported");
        let c = service::get(&db, Some(&w.reporter), id).await.expect("visible to its reporter");
        assert_eq!(c.title, "Travel claims");
        assert_eq!(c.municipality, "Home Kommune");
        assert_eq!(c.department.as_deref(), Some("Home Borgerservice"));
        assert_eq!(c.reporter, PersonRef::Named("reporter".into()));
        // 40 a week × 52 × 15 min = 520 h; the default working year is 220 days × 7.4 h.
        let f = c.figures();
        assert!((f.manual_hours - 520.0).abs() < 1e-9, "{f:?}");
        assert!((f.fte - 520.0 / 1628.0).abs() < 1e-9, "{f:?}");
        let list = listed(&db, Some(&w.colleague)).await;
        assert_eq!(list.len(), 1);
        assert!((list[0].manual_hours_per_year - 520.0).abs() < 1e-9);
    })
    .await;
}

#[tokio::test]
async fn bad_reports_change_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let mut bad = form("", Visibility::Public, None);
        bad.volume = "lots".into();
        let err = service::report(&db, Some(&w.reporter), &bad, Locale::En).await.expect_err("invalid");
        assert_eq!(err.field("title"), Some(Invalid::Required));
        assert_eq!(err.field("volume"), Some(Invalid::NotANumber));

        // Another municipality's department is refused like an unknown one.
        let forged = form("Forged", Visibility::Public, Some(w.other_department));
        let err = service::report(&db, Some(&w.reporter), &forged, Locale::En).await.expect_err("forged");
        assert_eq!(err, AppError::invalid("department_id", Invalid::UnknownChoice));
        let missing = form("Missing", Visibility::Public, Some(9_999_999));
        assert!(service::report(&db, Some(&w.reporter), &missing, Locale::En).await.is_err());

        let anonymous = service::report(&db, None, &form("Anonymous", Visibility::Public, None), Locale::En).await;
        assert_eq!(anonymous, Err(AppError::Unauthenticated));
        assert_eq!(service::report_context(&db, None).await, Err(AppError::Unauthenticated));
        assert_eq!(count_candidates(&db).await, 0);
    })
    .await;
}

#[tokio::test]
async fn report_context_offers_only_own_departments() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let home = service::report_context(&db, Some(&w.reporter)).await.expect("context");
        let ids: Vec<i64> = home.departments.iter().map(|d| d.id).collect();
        assert_eq!(ids, vec![w.home_department]);
        let other = service::report_context(&db, Some(&w.other_reporter)).await.expect("context");
        assert_eq!(other.departments.iter().map(|d| d.id).collect::<Vec<_>>(), vec![w.other_department]);
    })
    .await;
}

/// A coordinator of the home municipality, limited by its admin to `departments`.
async fn limited_coordinator(db: &app::db::Db, admin: &Actor, email: &str, departments: &[i64]) -> Actor {
    let form = UserForm {
        email: email.into(),
        display_name: email.into(),
        roles: vec!["coordinator".into()],
        departments: departments.iter().map(|d| d.to_string()).collect(),
        password: String::new(),
    };
    let id = admin_service::create_user(db, Some(admin), &form).await.expect("coordinator added");
    app::identity::store::load_user(db, id).await.expect("loaded").expect("exists").actor
}

#[tokio::test]
async fn visibility_matrix_holds_in_sql() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let admin = Some(&w.municipality_admin);
        // Home Borgerservice > Pas og kørekort; a sibling tree elsewhere.
        let below = DepartmentForm { name: "Pas og kørekort".into(), parent_id: w.home_department.to_string() };
        let below = admin_service::create_department(&db, admin, &below).await.expect("department");
        let elsewhere = DepartmentForm { name: "Jobcenter".into(), parent_id: String::new() };
        let elsewhere = admin_service::create_department(&db, admin, &elsewhere).await.expect("department");
        let paths: std::collections::HashMap<i64, String> = app::admin::store::department_refs(&db, w.home)
            .await
            .expect("paths")
            .into_iter()
            .map(|d| (d.id, d.path))
            .collect();
        let limited_above =
            limited_coordinator(&db, &w.municipality_admin, "above@home.test", &[w.home_department]).await;
        let limited_elsewhere =
            limited_coordinator(&db, &w.municipality_admin, "elsewhere@home.test", &[elsewhere]).await;
        assert_eq!(limited_above.coordinator_scope, vec![paths[&w.home_department].clone()]);

        // Per visibility: reported by `reporter` of the home municipality in the department below
        // (so limits work by subtree), the same without a department, and one in the other
        // municipality.
        let mut candidates = Vec::new();
        let cases =
            [(&w.reporter, w.home, Some(below)), (&w.reporter, w.home, None), (&w.other_reporter, w.other, None)];
        for (author, municipality, department) in cases {
            for v in Visibility::ALL {
                let title = format!("{v:?} {municipality} {department:?}");
                let id = service::report(&db, Some(author), &form(&title, *v, department), Locale::En)
                    .await
                    .expect("reported");
                let path = department.map(|d| paths[&d].clone());
                candidates.push((id, municipality, author.user_id, *v, path));
            }
        }
        let actors: Vec<(&str, Option<&Actor>)> = vec![
            ("anonymous", None),
            ("reporter", Some(&w.reporter)),
            ("colleague", Some(&w.colleague)),
            ("coordinator", Some(&w.coordinator)),
            ("coordinator limited to the department above", Some(&limited_above)),
            ("coordinator limited to another department", Some(&limited_elsewhere)),
            ("municipality admin", Some(&w.municipality_admin)),
            ("consortium coordinator", Some(&w.consortium_coordinator)),
            ("other reporter", Some(&w.other_reporter)),
            ("other coordinator", Some(&w.other_coordinator)),
        ];
        for (who, actor) in &actors {
            let seen: Vec<i64> = listed(&db, *actor).await.iter().map(|c| c.id).collect();
            for (id, municipality_id, reporter_id, visibility, path) in &candidates {
                let access = CandidateAccess {
                    municipality_id: *municipality_id,
                    reporter_id: *reporter_id,
                    visibility: *visibility,
                    department_path: path.as_deref(),
                };
                let allowed = may_view_candidate(*actor, access);
                assert_eq!(seen.contains(id), allowed, "{who} listing {access:?}");
                let got = service::get(&db, *actor, *id).await;
                match allowed {
                    true => assert!(got.is_ok(), "{who} reading {access:?}: {got:?}"),
                    false => assert_eq!(got, Err(AppError::NotFound), "{who} reading {access:?}"),
                }
            }
        }
        // Spot checks by hand, independent of the policy function.
        assert_eq!(listed(&db, None).await.len(), 3, "anonymous: the three public ones");
        assert_eq!(
            listed(&db, Some(&w.colleague)).await.len(),
            8,
            "colleague: 6 home ones that are not private, plus the other's consortium and public ones"
        );
        assert_eq!(listed(&db, Some(&w.coordinator)).await.len(), 10);
        assert_eq!(listed(&db, Some(&limited_above)).await.len(), 9, "not the private one without a department");
        assert_eq!(listed(&db, Some(&limited_elsewhere)).await.len(), 8);
    })
    .await;
}

/// Names are personal data: other municipalities see the reporter withheld, and an erased
/// reporter is a former employee to everyone.
#[tokio::test]
async fn reporter_names_stay_home_and_erased_people_become_former_employees() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = service::report(&db, Some(&w.reporter), &form("Shared", Visibility::Consortium, None), Locale::En)
            .await
            .expect("reported");
        assert_eq!(
            service::get(&db, Some(&w.colleague), id).await.expect("home").reporter,
            PersonRef::Named("reporter".into())
        );
        assert_eq!(service::get(&db, Some(&w.other_reporter), id).await.expect("other").reporter, PersonRef::Withheld);
        admin_service::erase_user(&db, Some(&w.municipality_admin), w.reporter.user_id).await.expect("erased");
        assert_eq!(service::get(&db, Some(&w.colleague), id).await.expect("home").reporter, PersonRef::FormerEmployee);
        assert_eq!(
            service::get(&db, Some(&w.other_reporter), id).await.expect("other").reporter,
            PersonRef::FormerEmployee
        );
    })
    .await;
}

#[tokio::test]
async fn missing_candidate_is_not_found() {
    each_backend(|db| async move {
        let w = world(&db).await;
        assert_eq!(service::get(&db, Some(&w.coordinator), 424_242).await, Err(AppError::NotFound));
    })
    .await;
}
