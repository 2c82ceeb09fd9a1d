//! The full record on both databases: who may edit, progressive groups, sealed contact
//! details, trimming for other municipalities, audit of every changed field.

use crate::support::{each_backend, report, world};
use app::candidates::model::{Phase, Status, TransitionForm, Visibility};
use app::candidates::record::model::{Contact, RecordForm};
use app::candidates::record::service as record_service;
use app::candidates::record::store as record_store;
use app::candidates::service;
use app::common::error::{AppError, Invalid};
use app::common::locale::Locale;
use app::crypto::KeyRing;
use app::db::Db;
use app::identity::model::PersonRef;
use app::with_pool;

const K1: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const K2: &str = "HxwdHhsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

fn keys(spec: &str) -> KeyRing {
    KeyRing::parse(spec).expect("keys")
}

fn full(id: i64) -> RecordForm {
    RecordForm {
        candidate_id: id,
        title: "Travel claims".into(),
        description: "Typed by hand from one system into another.".into(),
        problem_today: "Three systems, no integration.".into(),
        visibility: "consortium".into(),
        tags: "payroll, travel".into(),
        taxonomy_code: "81.03.10".into(),
        external_id: "KMD-17".into(),
        volume: "40".into(),
        period: "week".into(),
        minutes_per_case: "15".into(),
        error_rate_pct: "5".into(),
        contact_name: "Anna Holm".into(),
        contact_email: "anna@home.test".into(),
        internal_notes: "Union agreement pending".into(),
        // Not shown in the idea phase: ignored, not stored.
        build_cost: "90000".into(),
        rule_based: "yes".into(),
        ..RecordForm::default()
    }
}

async fn raw_contact(db: &Db, id: i64) -> Option<String> {
    with_pool!(db, pool => sqlx::query_scalar::<_, Option<String>>("SELECT contact_name FROM candidates WHERE id = $1")
        .bind(id).fetch_one(pool).await)
    .expect("row")
}

#[tokio::test]
async fn the_reporter_completes_the_record_and_others_see_it_trimmed() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let k = keys(&format!("k1:{K1}"));
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let mut form = full(id);
        form.owner_id = w.colleague.user_id.to_string();
        record_service::edit(&db, &k, Some(&w.reporter), &form, Locale::En).await.expect("saved");

        let own = service::get(&db, Some(&w.colleague), id).await.expect("visible");
        assert_eq!(own.record.problem_today.as_deref(), Some("Three systems, no integration."));
        assert_eq!(own.record.tags, vec!["payroll", "travel"]);
        assert_eq!(own.record.error_rate_pct, Some(5.0));
        assert_eq!(own.record.owner, Some(PersonRef::Named("colleague".into())));
        assert_eq!(own.record.internal_notes.as_deref(), Some("Union agreement pending"));
        assert_eq!((own.record.build_cost, own.record.rule_based), (None, None), "later groups wait for their phase");
        assert!(own.viewer.may_edit, "the owner may edit");
        let contact = service::get_with_contact(&db, &k, Some(&w.colleague), id).await.expect("contact").record.contact;
        assert_eq!(
            contact,
            Some(Contact { name: "Anna Holm".into(), email: "anna@home.test".into(), phone: String::new() })
        );

        // Sealed at rest, bound to its place.
        let sealed = raw_contact(&db, id).await.expect("stored");
        assert!(sealed.starts_with("v1.k1.") && !sealed.contains("Anna"), "{sealed}");

        // Shared with the consortium: the other municipality sees the record, not the personal
        // data, the internal notes or the owner's name.
        let theirs = service::get(&db, Some(&w.other_reporter), id).await.expect("shared");
        assert_eq!(theirs.record.problem_today.as_deref(), Some("Three systems, no integration."));
        assert_eq!(theirs.record.internal_notes, None);
        assert_eq!(theirs.record.owner, Some(PersonRef::Withheld));
        assert_eq!(theirs.department_id, None);
        assert!(!theirs.viewer.may_edit);
        let theirs = service::get_with_contact(&db, &k, Some(&w.other_reporter), id).await.expect("shared");
        assert_eq!(theirs.record.contact, None);

        // Every changed field is in the history; personal data only as "changed".
        let history = service::history(&db, Some(&w.reporter), id).await.expect("history");
        let fields: Vec<&str> = history.iter().map(|e| e.field.as_str()).collect();
        for field in [
            "visibility",
            "problem_today",
            "tags",
            "taxonomy_code",
            "external_id",
            "error_rate_pct",
            "owner_id",
            "internal_notes",
            "contact_name",
            "contact_email",
        ] {
            assert!(fields.contains(&field), "{field} in {fields:?}");
        }
        let contact_event = history.iter().find(|e| e.field == "contact_name").expect("event");
        assert_eq!((contact_event.old_value.as_deref(), contact_event.new_value.as_deref()), (None, None));
        assert!(!fields.contains(&"build_cost"));

        // Saving the same again records nothing.
        let before = history.len();
        record_service::edit(&db, &k, Some(&w.reporter), &form, Locale::En).await.expect("saved");
        assert_eq!(service::history(&db, Some(&w.reporter), id).await.expect("history").len(), before);

        // In the analysis phase the cost group is asked for and stored.
        let mv = |phase: Phase, reason: &str| TransitionForm {
            candidate_id: id,
            phase: phase.as_str().into(),
            status: Status::Active.as_str().into(),
            reason: reason.into(),
            duplicate_of: String::new(),
        };
        service::transition(&db, Some(&w.coordinator), &mv(Phase::Analysis, "Fast track")).await.expect("moved");
        record_service::edit(&db, &k, Some(&w.coordinator), &form, Locale::En).await.expect("saved");
        let later = service::get(&db, Some(&w.reporter), id).await.expect("visible");
        assert_eq!((later.record.build_cost, later.record.rule_based), (Some(90_000.0), Some(true)));
    })
    .await;
}

#[tokio::test]
async fn refused_edits_change_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let k = keys(&format!("k1:{K1}"));
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Consortium).await;
        let mine = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        record_service::edit(&db, &k, Some(&w.reporter), &full(mine), Locale::En).await.expect("external id KMD-17");
        let audit = || async { service::history(&db, Some(&w.reporter), id).await.expect("h").len() };
        let before = audit().await;

        assert_eq!(
            record_service::edit(&db, &k, Some(&w.colleague), &full(id), Locale::En).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            record_service::edit(&db, &k, Some(&w.other_coordinator), &full(id), Locale::En).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(record_service::edit(&db, &k, None, &full(id), Locale::En).await, Err(AppError::Unauthenticated));
        let private = report(&db, &w.reporter, "Travel claims", Visibility::Private).await;
        assert_eq!(
            record_service::edit(&db, &k, Some(&w.other_reporter), &full(private), Locale::En).await,
            Err(AppError::NotFound)
        );

        let mut bad = full(id);
        bad.title = String::new();
        bad.contact_email = "not an address".into();
        bad.taxonomy_code = "81.3".into();
        let err = record_service::edit(&db, &k, Some(&w.reporter), &bad, Locale::En).await.expect_err("invalid");
        assert_eq!(err.field("title"), Some(Invalid::Required));
        assert_eq!(err.field("contact_email"), Some(Invalid::NotAnEmail));
        assert_eq!(err.field("taxonomy_code"), Some(Invalid::BadTaxonomyCode));

        let mut foreign_owner = full(id);
        foreign_owner.external_id = String::new();
        foreign_owner.owner_id = w.other_reporter.user_id.to_string();
        let err =
            record_service::edit(&db, &k, Some(&w.reporter), &foreign_owner, Locale::En).await.expect_err("owner");
        assert_eq!(err.field("owner_id"), Some(Invalid::UnknownChoice));
        let err = record_service::edit(&db, &k, Some(&w.reporter), &full(id), Locale::En).await.expect_err("taken");
        assert_eq!(err.field("external_id"), Some(Invalid::Taken), "external ids are unique in a municipality");

        assert_eq!(audit().await, before);
        assert_eq!(raw_contact(&db, id).await, None);
    })
    .await;
}

#[tokio::test]
async fn contact_details_move_to_a_new_key() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let old = keys(&format!("k1:{K1}"));
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        record_service::edit(&db, &old, Some(&w.reporter), &full(id), Locale::En).await.expect("saved");
        assert_eq!(record_store::count_sealed(&db).await.expect("count"), 1);
        let rotated = keys(&format!("k2:{K2},k1:{K1}"));
        assert_eq!(record_store::reseal_contacts(&db, &rotated).await.expect("reseal"), (2, 0));
        assert_eq!(record_store::reseal_contacts(&db, &rotated).await.expect("again"), (0, 2));
        let only_new = keys(&format!("k2:{K2}"));
        let contact =
            service::get_with_contact(&db, &only_new, Some(&w.reporter), id).await.expect("opens").record.contact;
        assert_eq!(contact.map(|c| c.name).as_deref(), Some("Anna Holm"));
        // A ring that cannot open them changes nothing.
        let sealed = raw_contact(&db, id).await;
        assert!(record_store::reseal_contacts(&db, &keys(&format!("k3:{K1}"))).await.is_err());
        assert_eq!(raw_contact(&db, id).await, sealed);
    })
    .await;
}
