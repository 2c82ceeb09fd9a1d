//! Administration on both databases: the department tree, people and roles, department
//! limits, erasing a person, CSV import, and forged requests over HTTP.

use crate::client::{encode, get, post_form, router, send};
use crate::http::sign_in;
use crate::support::{each_backend, world, PASSWORD};
use app::admin::model::{DepartmentForm, ImportForm, RowOutcome, UserForm};
use app::admin::{import, service, store};
use app::common::error::{AppError, Invalid};
use app::db::Db;
use app::identity::model::Role;
use app::with_pool;
use axum::body::Body;
use axum::http::StatusCode;

fn department(name: &str, parent: Option<i64>) -> DepartmentForm {
    DepartmentForm { name: name.into(), parent_id: parent.map(|p| p.to_string()).unwrap_or_default() }
}

fn person(email: &str, roles: &[&str]) -> UserForm {
    UserForm {
        email: email.into(),
        display_name: "Ann Andersen".into(),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        departments: Vec::new(),
        password: String::new(),
    }
}

async fn paths(db: &Db, municipality: i64) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> =
        store::department_refs(db, municipality).await.expect("refs").into_iter().map(|d| (d.name, d.path)).collect();
    all.sort();
    all
}

async fn count(db: &Db, table: &str) -> i64 {
    // The table name is one of ours, never input.
    let sql = format!("SELECT COUNT(*) FROM {table}");
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(&sql).fetch_one(pool).await).expect("count")
}

#[tokio::test]
async fn the_department_tree_keeps_its_shape() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let admin = Some(&w.municipality_admin);
        let social = service::create_department(&db, admin, &department("Social", None)).await.expect("social");
        let children =
            service::create_department(&db, admin, &department("Children", Some(social))).await.expect("children");
        let school =
            service::create_department(&db, admin, &department("School health", Some(children))).await.expect("school");

        // Sibling names are unique regardless of case; the same name elsewhere is fine.
        let twin = service::create_department(&db, admin, &department("children", Some(social))).await;
        assert_eq!(twin, Err(AppError::invalid("name", Invalid::Taken)));
        service::create_department(&db, admin, &department("Children", None)).await.expect("same name at the top");
        let bad = service::create_department(&db, admin, &department("A > B", None)).await;
        assert_eq!(bad, Err(AppError::invalid("name", Invalid::ForbiddenCharacter { ch: '>' })));

        // Moving below itself is refused; a move carries the subtree's paths along.
        let cycle = service::update_department(&db, admin, social, &department("Social", Some(school))).await;
        assert_eq!(cycle, Err(AppError::invalid("parent_id", Invalid::InsideItself)));
        service::update_department(&db, admin, children, &department("Children and youth", Some(w.home_department)))
            .await
            .expect("moved");
        let all = paths(&db, w.home).await;
        let path_of = |name: &str| all.iter().find(|(n, _)| n == name).map(|(_, p)| p.clone()).expect(name);
        assert_eq!(path_of("Children and youth"), format!("/{}/{children}/", w.home_department));
        assert_eq!(path_of("School health"), format!("/{}/{children}/{school}/", w.home_department));
        assert_eq!(path_of("Social"), format!("/{social}/"));

        // Only empty departments go.
        assert_eq!(
            service::delete_department(&db, admin, children).await,
            Err(AppError::invalid("department", Invalid::InUse))
        );
        service::delete_department(&db, admin, school).await.expect("empty one deleted");

        // Another municipality's department, a reporter, nobody: refused, nothing changed.
        let before = paths(&db, w.other).await;
        let forged = service::update_department(&db, admin, w.other_department, &department("Mine now", None)).await;
        assert_eq!(forged, Err(AppError::NotFound));
        assert_eq!(service::delete_department(&db, admin, w.other_department).await, Err(AppError::NotFound));
        let other_admin_fails = service::create_department(&db, Some(&w.coordinator), &department("X", None)).await;
        assert_eq!(other_admin_fails, Err(AppError::Forbidden));
        assert_eq!(service::departments(&db, None).await, Err(AppError::Unauthenticated));
        assert_eq!(paths(&db, w.other).await, before);
    })
    .await;
}

#[tokio::test]
async fn people_roles_and_limits() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let admin = Some(&w.municipality_admin);
        let mut form = person(" Ann@Home.Test ", &["reporter", "coordinator"]);
        form.departments = vec![w.home_department.to_string()];
        form.password = "a long enough passphrase".into();
        let ann = service::create_user(&db, admin, &form).await.expect("added");
        let stored = app::identity::store::load_user(&db, ann).await.expect("load").expect("exists");
        assert_eq!(stored.actor.roles, vec![Role::Coordinator, Role::Reporter]);
        assert_eq!(stored.actor.coordinator_scope.len(), 1);

        // Every problem at once, nothing written.
        let people = count(&db, "users").await;
        let mut bad = person("ann@home.test", &["reporter", "consortium_admin", "wizard"]);
        bad.display_name = " ".into();
        bad.password = "short".into();
        bad.departments = vec![w.other_department.to_string()];
        let Err(AppError::Invalid(errors)) = service::create_user(&db, admin, &bad).await else { panic!("refused") };
        let problems: Vec<(&str, Invalid)> = errors.iter().map(|e| (e.field.as_str(), e.problem)).collect();
        assert!(problems.contains(&("email", Invalid::Taken)), "{problems:?}");
        assert!(problems.contains(&("display_name", Invalid::Required)), "{problems:?}");
        assert!(problems.contains(&("roles", Invalid::UnknownChoice)), "{problems:?}");
        assert!(problems.contains(&("password", Invalid::TooShort { min: 12 })), "{problems:?}");
        assert!(problems.contains(&("departments", Invalid::UnknownChoice)), "{problems:?}");
        assert_eq!(count(&db, "users").await, people);

        // A municipality admin cannot grant a consortium role.
        let granted = service::update_user(&db, admin, ann, &person("", &["reporter", "consortium_admin"])).await;
        assert_eq!(granted, Err(AppError::invalid("roles", Invalid::NotGrantable)));
        service::update_user(&db, admin, ann, &person("", &["reporter"])).await.expect("changed");
        let roles = app::identity::store::load_user(&db, ann).await.expect("load").expect("exists").actor.roles;
        assert_eq!(roles, vec![Role::Reporter]);

        // The last admin keeps the role.
        let me = w.municipality_admin.user_id;
        let demoted = service::update_user(&db, admin, me, &person("", &["reporter"])).await;
        assert_eq!(demoted, Err(AppError::invalid("roles", Invalid::LastAdmin)));

        // Another municipality's person: not found, unchanged; non-admins are refused.
        let other = w.other_reporter.user_id;
        assert_eq!(
            service::update_user(&db, admin, other, &person("", &["municipality_admin"])).await,
            Err(AppError::NotFound)
        );
        assert_eq!(service::user(&db, admin, other).await.map(|_| ()), Err(AppError::NotFound));
        let other_roles = app::identity::store::load_user(&db, other).await.expect("load").expect("exists").actor.roles;
        assert_eq!(other_roles, vec![Role::Reporter]);
        assert_eq!(service::users(&db, Some(&w.coordinator)).await.map(|_| ()), Err(AppError::Forbidden));
        let listed = service::users(&db, admin).await.expect("list");
        assert!(listed.users.iter().all(|u| !u.email.ends_with("other.test")), "only their own people");
    })
    .await;
}

#[tokio::test]
async fn an_erased_person_is_gone_but_history_stays() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let admin = Some(&w.municipality_admin);
        let app = router(&db);
        let cookie = sign_in(&app, "colleague@home.test").await;
        let colleague = w.colleague.user_id;
        let form = app::identity::tokens::model::TokenForm {
            name: "integration".into(),
            scope: "read".into(),
            expires_in_days: String::new(),
        };
        let token = app::identity::tokens::service::create(&db, Some(&w.colleague), &form, time::OffsetDateTime::now_utc())
            .await
            .expect("token")
            .token;
        let bearer = |token: &str| {
            axum::http::Request::get("/api/v1/me")
                .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .expect("req")
        };
        assert_eq!(send(&app, bearer(&token)).await.status, StatusCode::OK);

        assert_eq!(service::erase_user(&db, admin, w.municipality_admin.user_id).await, Err(AppError::Forbidden));
        assert_eq!(service::erase_user(&db, admin, w.other_reporter.user_id).await, Err(AppError::NotFound));
        assert_eq!(service::erase_user(&db, Some(&w.coordinator), colleague).await, Err(AppError::Forbidden));
        service::erase_user(&db, admin, colleague).await.expect("erased");

        // The row stays for history, but nothing names the person or lets them in.
        let (email, name): (String, String) = with_pool!(&db, pool =>
            sqlx::query_as("SELECT email, display_name FROM users WHERE id = $1").bind(colleague).fetch_one(pool).await)
        .expect("row");
        assert!(!email.contains("colleague") && name.is_empty(), "{email} {name}");
        assert!(app::identity::store::load_user(&db, colleague).await.expect("load").is_none());
        let page = send(&app, get("/admin/users", Some(&cookie))).await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "the old session ended");
        let again = send(
            &app,
            post_form("/fn/identity/login", None)
                .body(Body::from(encode(&[("email", "colleague@home.test"), ("password", PASSWORD)])))
                .expect("req"),
        )
        .await;
        assert_eq!(again.status, StatusCode::UNAUTHORIZED);
        assert_eq!(service::erase_user(&db, admin, colleague).await, Err(AppError::NotFound), "once");
        assert_eq!(send(&app, bearer(&token)).await.status, StatusCode::UNAUTHORIZED, "their tokens stop");
        let live: i64 = with_pool!(&db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL").bind(colleague).fetch_one(pool).await)
        .expect("count");
        assert_eq!(live, 0, "and show as revoked");
    })
    .await;
}

#[tokio::test]
async fn csv_import_checks_everything_then_writes_all_or_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let admin = Some(&w.municipality_admin);
        let form = |kind: &str, csv: &str, commit: bool| ImportForm {
            kind: kind.into(),
            csv: csv.into(),
            commit: commit.then(|| "1".to_owned()),
        };
        let departments_csv = "\u{feff}Afdeling;Note\nSocial > Children;\nSocial > Elderly > Home care;x\nHome Borgerservice;\n";
        let before = count(&db, "departments").await;
        let checked = import::import(&db, admin, &form("departments", departments_csv, false)).await.expect("checked");
        assert!(!checked.committed && !checked.has_errors());
        let outcomes: Vec<RowOutcome> = checked.rows.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, vec![RowOutcome::Create, RowOutcome::Create, RowOutcome::Unchanged]);
        assert_eq!(count(&db, "departments").await, before, "a check writes nothing");

        let done = import::import(&db, admin, &form("departments", departments_csv, true)).await.expect("imported");
        assert!(done.committed);
        assert_eq!(count(&db, "departments").await, before + 4, "Social, Children, Elderly, Home care");
        let again = import::import(&db, admin, &form("departments", departments_csv, true)).await.expect("again");
        assert!(again.rows.iter().all(|r| r.outcome == RowOutcome::Unchanged), "importing twice changes nothing");

        // People: one bad row stops the whole file.
        let people = count(&db, "users").await;
        let users_csv = "e-mail,navn,roller,afdelinger\n\
            new@home.test,New Person,coordinator,Social > Children\n\
            reporter@home.test,Renamed Reporter,,\n\
            broken,No Address,reporter,\n\
            reporter@other.test,Someone Else,reporter,\n\
            admin@home.test,Admin,reporter,\n";
        let report = import::import(&db, admin, &form("users", users_csv, true)).await.expect("report");
        assert!(!report.committed && report.has_errors());
        let lines: Vec<(u64, RowOutcome)> = report.rows.iter().map(|r| (r.line, r.outcome)).collect();
        assert_eq!(
            lines,
            vec![
                (2, RowOutcome::Create),
                (3, RowOutcome::Update),
                (4, RowOutcome::Invalid),
                (5, RowOutcome::Invalid),
                (6, RowOutcome::Invalid),
            ]
        );
        assert_eq!(report.rows[2].errors[0].field, "e-mail");
        assert_eq!(report.rows[2].errors[0].problem, Invalid::NotAnEmail);
        assert_eq!(report.rows[3].errors[0].problem, Invalid::Taken, "another municipality's address");
        assert_eq!(report.rows[4].errors[0].problem, Invalid::LastAdmin);
        assert_eq!(count(&db, "users").await, people, "nothing written");

        let good = "email,name,roles,departments\nnew@home.test,New Person,coordinator; reporter,Social > Children\nreporter@home.test,Renamed Reporter,,\n";
        let report = import::import(&db, admin, &form("users", good, true)).await.expect("report");
        assert!(report.committed, "{report:?}");
        assert_eq!(count(&db, "users").await, people + 1);
        let renamed: String = with_pool!(&db, pool => sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
            .bind(w.reporter.user_id).fetch_one(pool).await).expect("name");
        assert_eq!(renamed, "Renamed Reporter");
        assert_eq!(count(&db, "coordinator_departments").await, 1);

        // Not an admin, or not a known kind: refused before reading.
        assert_eq!(import::import(&db, Some(&w.coordinator), &form("users", good, true)).await, Err(AppError::Forbidden));
        assert_eq!(
            import::import(&db, admin, &form("robots", good, true)).await,
            Err(AppError::invalid("kind", Invalid::UnknownChoice))
        );
        let missing = import::import(&db, admin, &form("users", "name\nx\n", true)).await.expect("report");
        assert_eq!(missing.problems.len(), 1);
    })
    .await;
}

/// Forged requests through the real router: another municipality's person cannot be changed
/// or erased, and non-admins cannot reach the admin functions.
#[tokio::test]
async fn forged_admin_requests_change_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let admin = sign_in(&app, "admin@home.test").await;
        let other = w.other_reporter.user_id.to_string();
        let change =
            encode(&[("id", &other), ("form[display_name]", "Taken over"), ("form[roles][]", "municipality_admin")]);
        let answer =
            send(&app, post_form("/fn/admin/users/change", Some(&admin)).body(Body::from(change)).expect("req")).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.body);
        let erase = encode(&[("id", &other), ("confirm", "yes")]);
        let answer =
            send(&app, post_form("/fn/admin/users/erase", Some(&admin)).body(Body::from(erase)).expect("req")).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        let stored =
            app::identity::store::load_user(&db, w.other_reporter.user_id).await.expect("load").expect("still there");
        assert_eq!(
            (stored.current.display_name.as_str(), stored.actor.roles.clone()),
            ("reporter", vec![Role::Reporter])
        );

        let reporter = sign_in(&app, "reporter@home.test").await;
        let add = encode(&[("form[email]", "x@home.test"), ("form[display_name]", "X")]);
        let answer =
            send(&app, post_form("/fn/admin/users/add", Some(&reporter)).body(Body::from(add)).expect("req")).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        let page = send(&app, get("/admin/users", Some(&reporter))).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        let page = send(&app, get("/admin/users", Some(&admin))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("colleague@home.test") && !page.body.contains("reporter@other.test"));
    })
    .await;
}

#[tokio::test]
async fn the_consortium_admits_members_and_gives_consortium_roles() {
    use app::admin::model::{ConsortiumRoleForm, MunicipalityForm};
    each_backend(|db| async move {
        let w = world(&db).await;
        // The operator's first step (`autoport add-municipality … --consortium-admin`).
        let office = MunicipalityForm {
            code: "kl".into(),
            name: "Consortium office".into(),
            admin_email: "Boss@Office.Test".into(),
            admin_name: "Boss".into(),
            admin_password: "a long enough passphrase".into(),
        };
        let roles = [Role::Reporter, Role::MunicipalityAdmin, Role::ConsortiumAdmin];
        let (_, boss) = service::create_municipality(&db, &office, &roles).await.expect("bootstrapped");
        let boss = app::identity::store::load_user(&db, boss).await.expect("load").expect("exists").actor;
        assert!(boss.has(Role::ConsortiumAdmin));

        let member = MunicipalityForm {
            code: "Home-kommune".into(),
            name: "home kommune".into(),
            admin_email: "first@new.test".into(),
            admin_name: "First".into(),
            admin_password: "short".into(),
        };
        let Err(AppError::Invalid(errors)) = service::add_municipality(&db, Some(&boss), &member).await else {
            panic!("refused")
        };
        let problems: Vec<(&str, Invalid)> = errors.iter().map(|e| (e.field.as_str(), e.problem)).collect();
        assert!(problems.contains(&("code", Invalid::Taken)), "the name is taken regardless of case: {problems:?}");
        assert!(problems.contains(&("admin_password", Invalid::TooShort { min: 12 })), "{problems:?}");
        let fresh = MunicipalityForm {
            code: "999".into(),
            name: "New Kommune".into(),
            admin_password: "a long enough passphrase".into(),
            ..member
        };
        assert_eq!(service::add_municipality(&db, Some(&w.municipality_admin), &fresh).await, Err(AppError::Forbidden));
        let id = service::add_municipality(&db, Some(&boss), &fresh).await.expect("added");
        let listed = service::consortium(&db, Some(&boss)).await.expect("consortium");
        assert!(listed.members.iter().any(|m| m.id == id && m.people == 1));

        // Consortium roles by e-mail, for anyone of any member; only consortium roles.
        let grant = |email: &str, role: &str| ConsortiumRoleForm { email: email.into(), role: role.into() };
        service::grant_consortium_role(&db, Some(&boss), &grant("reporter@other.test", "consortium_coordinator"))
            .await
            .expect("granted");
        assert_eq!(
            service::grant_consortium_role(&db, Some(&boss), &grant("reporter@other.test", "municipality_admin")).await,
            Err(AppError::invalid("role", Invalid::UnknownChoice))
        );
        assert_eq!(
            service::grant_consortium_role(&db, Some(&boss), &grant("nobody@other.test", "consortium_admin")).await,
            Err(AppError::invalid("email", Invalid::UnknownChoice))
        );
        assert_eq!(
            service::grant_consortium_role(
                &db,
                Some(&w.municipality_admin),
                &grant("reporter@other.test", "consortium_admin")
            )
            .await,
            Err(AppError::Forbidden)
        );
        let other = w.other_reporter.user_id;
        let roles = app::identity::store::load_user(&db, other).await.expect("load").expect("exists").actor.roles;
        assert_eq!(roles, vec![Role::ConsortiumCoordinator, Role::Reporter]);
        service::revoke_consortium_role(&db, Some(&boss), other, "consortium_coordinator").await.expect("taken");
        assert_eq!(
            service::revoke_consortium_role(&db, Some(&boss), boss.user_id, "consortium_admin").await,
            Err(AppError::invalid("role", Invalid::LastAdmin))
        );
    })
    .await;
}

async fn grant(db: &Db, user_id: i64, role: Role) {
    app::admin::store::grant_role(db, user_id, role).await.expect("role");
}

async fn password_hash(db: &Db, user_id: i64) -> Option<String> {
    with_pool!(db, pool => sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id).fetch_one(pool).await)
    .expect("hash")
}

/// Issue 21: a municipality admin cannot set the password, change the roles of or erase a
/// person holding a role above theirs (a consortium role), and erasing never takes the last
/// consortium admin.
#[tokio::test]
async fn nobody_acts_on_a_person_above_them() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let admin = Some(&w.municipality_admin);
        let boss = w.colleague.user_id;
        grant(&db, boss, Role::ConsortiumAdmin).await;
        let before = password_hash(&db, boss).await;

        let mut takeover = person("", &["reporter"]);
        takeover.display_name = "colleague".into();
        takeover.password = "the admin knows this one now".into();
        assert_eq!(service::update_user(&db, admin, boss, &takeover).await, Err(AppError::Forbidden));
        assert_eq!(password_hash(&db, boss).await, before, "the password stays");
        let group = w.consortium_coordinator.user_id;
        assert_eq!(
            service::update_user(&db, admin, group, &person("", &["reporter", "coordinator"])).await,
            Err(AppError::Forbidden),
            "nor the roles of a consortium coordinator"
        );
        let roles = app::identity::store::load_user(&db, group).await.expect("load").expect("exists").actor.roles;
        assert_eq!(roles, vec![Role::ConsortiumCoordinator]);
        assert_eq!(service::erase_user(&db, admin, boss).await, Err(AppError::Forbidden));
        assert!(app::identity::store::load_user(&db, boss).await.expect("load").is_some(), "still there");
        let page = service::user(&db, admin, boss).await.expect("page");
        assert!(!page.may_erase);

        // Renaming stays possible: a name lets nobody in.
        service::update_user(&db, admin, group, &person("", &[])).await.expect("renamed");

        // An admin who is a consortium admin too may act on them, but never erase the last one.
        let both = app::identity::model::Actor::new(
            w.municipality_admin.user_id,
            w.home,
            vec![Role::MunicipalityAdmin, Role::ConsortiumAdmin],
        );
        assert_eq!(
            service::erase_user(&db, Some(&both), boss).await,
            Err(AppError::invalid("roles", Invalid::LastAdmin)),
            "the consortium keeps one consortium admin"
        );
        assert!(app::identity::store::load_user(&db, boss).await.expect("load").is_some());
        grant(&db, w.municipality_admin.user_id, Role::ConsortiumAdmin).await;
        service::erase_user(&db, Some(&both), boss).await.expect("another one remains");
    })
    .await;
}

async fn token_of(db: &Db, who: &app::identity::model::Actor) -> String {
    let form = app::identity::tokens::model::TokenForm {
        name: "integration".into(),
        scope: "read".into(),
        expires_in_days: String::new(),
    };
    app::identity::tokens::service::create(db, Some(who), &form, time::OffsetDateTime::now_utc())
        .await
        .expect("token")
        .token
}

async fn status_with_token(app: &axum::Router, token: &str) -> StatusCode {
    let request = axum::http::Request::get("/api/v1/me")
        .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("req");
    send(app, request).await.status
}

/// Issue 21: a password set by an admin, or a role taken away, ends the person's sessions and
/// revokes their API tokens; a change that takes nothing away leaves both alone.
#[tokio::test]
async fn a_password_reset_or_fewer_roles_end_sessions_and_tokens() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let admin = Some(&w.municipality_admin);
        let app = router(&db);

        let cookie = sign_in(&app, "colleague@home.test").await;
        let token = token_of(&db, &w.colleague).await;
        let mut renamed = person("", &["reporter"]);
        renamed.display_name = "Colleague Renamed".into();
        service::update_user(&db, admin, w.colleague.user_id, &renamed).await.expect("renamed");
        assert_eq!(send(&app, get("/me/data.json", Some(&cookie))).await.status, StatusCode::OK, "a name ends nothing");
        assert_eq!(status_with_token(&app, &token).await, StatusCode::OK);
        let mut reset = renamed.clone();
        reset.password = "a new long enough passphrase".into();
        service::update_user(&db, admin, w.colleague.user_id, &reset).await.expect("reset");
        assert_eq!(send(&app, get("/me/data.json", Some(&cookie))).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(status_with_token(&app, &token).await, StatusCode::UNAUTHORIZED, "the token is revoked");

        let cookie = sign_in(&app, "coordinator@home.test").await;
        let token = token_of(&db, &w.coordinator).await;
        service::update_user(
            &db,
            admin,
            w.coordinator.user_id,
            &person("", &["reporter", "coordinator", "municipality_admin"]),
        )
        .await
        .expect("more roles");
        assert_eq!(
            send(&app, get("/me/data.json", Some(&cookie))).await.status,
            StatusCode::OK,
            "more roles end nothing"
        );
        assert_eq!(status_with_token(&app, &token).await, StatusCode::OK);
        service::update_user(&db, admin, w.coordinator.user_id, &person("", &["reporter"])).await.expect("fewer roles");
        assert_eq!(send(&app, get("/me/data.json", Some(&cookie))).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(status_with_token(&app, &token).await, StatusCode::UNAUTHORIZED);
        // They may sign in again, with what they now hold.
        sign_in(&app, "coordinator@home.test").await;
    })
    .await;
}
