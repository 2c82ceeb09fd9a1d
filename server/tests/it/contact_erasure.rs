//! A municipality admin finds a contact person who is not a user across their own
//! municipality's candidates and erases the sealed details, recorded without the values.

use crate::client::{encode, get, post_form, router_with, send};
use crate::http::sign_in;
use crate::support::{each_backend, report, world};
use app::admin::contacts::service::{erase, find};
use app::candidates::model::Visibility;
use app::candidates::record::store::contact_context;
use app::common::error::AppError;
use app::crypto::KeyRing;
use app::db::Db;
use app::with_pool;
use axum::body::Body;
use axum::http::StatusCode;

async fn set_contact(db: &Db, keys: &KeyRing, id: i64, name: &str, email: &str, phone: &str) {
    let seal = |column: &str, value: &str| keys.seal(&contact_context(column, id), value).expect("seal");
    let (n, e, p) = (seal("contact_name", name), seal("contact_email", email), seal("contact_phone", phone));
    with_pool!(db, pool => sqlx::query(
        "UPDATE candidates SET contact_name = $1, contact_email = $2, contact_phone = $3 WHERE id = $4")
        .bind(n).bind(e).bind(p).bind(id).execute(pool).await.map(|_| ()))
    .expect("contact");
}

/// (field, actor, old value, new value) of an audit event.
type Event = (String, Option<i64>, Option<String>, Option<String>);

#[tokio::test]
async fn an_admin_erases_a_contact_person_in_their_own_municipality_only() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let keys = KeyRing::development();
        let mine = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let other_person = report(&db, &w.reporter, "Parking permits", Visibility::Municipality).await;
        let elsewhere = report(&db, &w.other_reporter, "Elsewhere", Visibility::Consortium).await;
        set_contact(&db, &keys, mine, "Jane Contact", "jane@contact.test", "+45 12 34 56 78").await;
        set_contact(&db, &keys, other_person, "Bob Other", "bob@contact.test", "").await;
        set_contact(&db, &keys, elsewhere, "Jane Contact", "jane@contact.test", "").await;

        // Only a municipality admin may search or erase.
        assert_eq!(find(&db, &keys, None, "jane").await, Err(AppError::Unauthenticated));
        for who in [&w.reporter, &w.coordinator, &w.other_coordinator] {
            assert_eq!(find(&db, &keys, Some(who), "jane").await, Err(AppError::Forbidden));
            assert_eq!(erase(&db, &keys, Some(who), "jane", &[mine]).await, Err(AppError::Forbidden));
        }
        let admin = Some(&w.municipality_admin);
        let found = find(&db, &keys, admin, "JANE").await.expect("find");
        assert_eq!(found.iter().map(|c| c.candidate_id).collect::<Vec<_>>(), vec![mine], "own municipality only");
        assert_eq!(found[0].email, "jane@contact.test");
        assert_eq!(find(&db, &keys, admin, "12345678").await.expect("by phone").len(), 1);
        assert!(find(&db, &keys, admin, "ja").await.expect("short").is_empty());

        // Another municipality's candidate is not erased even when named.
        let erased = erase(&db, &keys, admin, "jane", &[mine, elsewhere, other_person]).await.expect("erase");
        assert_eq!(erased, 1);
        type Sealed = (Option<String>, Option<String>, Option<String>);
        let contact = |id: i64| {
            let db = db.clone();
            async move {
                with_pool!(&db, pool => sqlx::query_as::<_, Sealed>(
                    "SELECT contact_name, contact_email, contact_phone FROM candidates WHERE id = $1")
                    .bind(id).fetch_one(pool).await)
                .expect("row")
            }
        };
        assert_eq!(contact(mine).await, (None, None, None));
        assert!(contact(other_person).await.0.is_some());
        assert!(contact(elsewhere).await.0.is_some());
        assert!(find(&db, &keys, admin, "jane").await.expect("find").is_empty());

        // The history says the details changed, by whom, and never what they were.
        let events: Vec<Event> = with_pool!(&db, pool => sqlx::query_as(
            "SELECT field, actor_id, old_value, new_value FROM audit_events \
             WHERE candidate_id = $1 AND field LIKE 'contact%' ORDER BY id")
            .bind(mine).fetch_all(pool).await)
        .expect("events");
        let admin_id = Some(w.municipality_admin.user_id);
        assert_eq!(
            events,
            vec![
                ("contact_name".into(), admin_id, None, None),
                ("contact_email".into(), admin_id, None, None),
                ("contact_phone".into(), admin_id, None, None),
            ]
        );
    })
    .await;
}

const KEYS: &str = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// The page and its form: the admin finds and erases; nobody else sees the page or erases; a
/// form without the confirmation or without a ticked candidate changes nothing.
#[tokio::test]
async fn the_contact_page_finds_and_erases_for_the_admin_only() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let keys = KeyRing::parse(KEYS).expect("keys");
        let app = router_with(&db, |name| (name == "AUTOPORT_DATA_KEYS").then(|| KEYS.to_owned()));
        let mine = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        set_contact(&db, &keys, mine, "Jane Contact", "jane@contact.test", "+45 12 34 56 78").await;
        let admin = sign_in(&app, "admin@home.test").await;
        let coordinator = sign_in(&app, "coordinator@home.test").await;
        let other_reporter = sign_in(&app, "reporter@other.test").await;

        let page = send(&app, get("/admin/contacts?q=jane", Some(&admin))).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("jane@contact.test") && page.body.contains("Travel claims"), "{}", page.body);
        for who in [&coordinator, &other_reporter] {
            let page = send(&app, get("/admin/contacts?q=jane", Some(who))).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN);
            assert!(!page.body.contains("jane@contact.test"));
        }
        let anonymous = send(&app, get("/admin/contacts?q=jane", None)).await;
        assert!(!anonymous.body.contains("jane@contact.test"));

        let id = mine.to_string();
        let still_there = |db: Db| async move {
            with_pool!(&db, pool => sqlx::query_scalar::<_, Option<String>>(
                "SELECT contact_name FROM candidates WHERE id = $1").bind(mine).fetch_one(pool).await)
            .expect("row")
            .is_some()
        };
        let erase = |cookie: &str, pairs: &[(&str, &str)]| {
            post_form("/fn/admin/contacts/erase", Some(cookie)).body(Body::from(encode(pairs))).expect("req")
        };
        let answer = send(
            &app,
            erase(&coordinator, &[("form[query]", "jane"), ("form[candidates][]", &id), ("form[confirm]", "yes")]),
        )
        .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        let answer = send(&app, erase(&admin, &[("form[query]", "jane"), ("form[candidates][]", &id)])).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "no confirmation: {}", answer.body);
        assert!(answer.body.contains("confirm"), "{}", answer.body);
        let answer = send(&app, erase(&admin, &[("form[query]", "jane"), ("form[confirm]", "yes")])).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "nothing ticked: {}", answer.body);
        let answer = send(
            &app,
            erase(&admin, &[("form[query]", "jane"), ("form[candidates][]", "x1"), ("form[confirm]", "yes")]),
        )
        .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "not an id: {}", answer.body);
        assert!(still_there(db.clone()).await, "a refused form changes nothing");

        let answer = send(
            &app,
            erase(&admin, &[("form[query]", "jane"), ("form[candidates][]", &id), ("form[confirm]", "yes")]),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert_eq!(answer.location(), "/admin/contacts?erased=1");
        assert!(!still_there(db.clone()).await);
        let page = send(&app, get("/admin/contacts?q=jane&erased=1", Some(&admin))).await;
        assert!(!page.body.contains("jane@contact.test"));
    })
    .await;
}
