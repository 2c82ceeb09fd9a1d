//! Markup typed by anyone into any text field stays text on every page that shows it: script
//! in a candidate's title must not run in the `<title>` of its page (leptos_meta writes the
//! document title unescaped), nor anywhere else a user's text is rendered.

use crate::backlog::answers;
use crate::client::{get, router_with, send};
use crate::http::sign_in;
use crate::support::{each_backend, world};
use app::candidates::model::{CandidateForm, CommentForm, Phase, Status, TransitionForm, Visibility};
use app::candidates::record::model::RecordForm;
use app::candidates::record::service as record_service;
use app::candidates::service;
use app::common::locale::Locale;
use app::crypto::KeyRing;
use app::db::Db;
use app::scoring::backlog::model::DecisionForm;
use app::with_pool;
use axum::http::StatusCode;

/// Closes the title or a text field, runs a script, and tries an event handler on an element.
const PROBE: &str = r#"Probe</title></textarea><script>document.title="pwned"</script><img src=x onerror="alert(1)">"#;

const KEYS: &str = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// What must never reach a page as markup.
const RAW: [&str; 5] =
    ["Probe</title>", "</title><script>1", "</textarea><script>", "<script>document.title", "<img src=x onerror"];

/// Labels are at most 60 characters each: the two halves of the probe as two labels.
const LABELS: &str = "</title><script>1</script>, <img src=x onerror=alert(1)>";

fn probe(field: &str) -> String {
    format!("{field} {PROBE}")
}

async fn set_text(db: &Db, sql: &'static str, value: &str, id: i64) {
    with_pool!(db, pool => sqlx::query(sql).bind(value).bind(id).execute(pool).await.map(|_| ())).expect("update");
}

#[tokio::test]
async fn user_text_is_never_markup_on_any_page() {
    each_backend(|db| async move {
        let w = world(&db).await;
        // People's, departments' and municipalities' names are typed by admins and by SSO.
        set_text(&db, "UPDATE users SET display_name = $1 WHERE id = $2", &probe("reporter"), w.reporter.user_id).await;
        set_text(&db, "UPDATE users SET display_name = $1 WHERE id = $2", &probe("coordinator"), w.coordinator.user_id)
            .await;
        set_text(&db, "UPDATE departments SET name = $1 WHERE id = $2", &probe("department"), w.home_department).await;
        set_text(&db, "UPDATE municipalities SET name = $1 WHERE id = $2", &probe("municipality"), w.home).await;

        let id = service::report(
            &db,
            Some(&w.reporter),
            &CandidateForm {
                title: PROBE.into(),
                description: probe("description"),
                department_id: w.home_department.to_string(),
                volume: "40".into(),
                period: "week".into(),
                minutes_per_case: "15".into(),
                visibility: Visibility::Public.as_str().into(),
            },
            Locale::En,
        )
        .await
        .expect("reported");
        service::transition(
            &db,
            Some(&w.coordinator),
            &TransitionForm {
                candidate_id: id,
                phase: Phase::Analysis.as_str().into(),
                status: Status::Active.as_str().into(),
                reason: probe("reason"),
                duplicate_of: String::new(),
            },
        )
        .await
        .expect("moved");
        // Every text field of the full record.
        let keys = KeyRing::parse(KEYS).expect("keys");
        let record = RecordForm {
            candidate_id: id,
            title: PROBE.into(),
            description: probe("description"),
            problem_today: probe("problem"),
            desired_outcome: probe("outcome"),
            department_id: w.home_department.to_string(),
            visibility: Visibility::Public.as_str().into(),
            external_id: PROBE.into(),
            tags: LABELS.into(),
            subject_areas: LABELS.into(),
            volume: "40".into(),
            period: "week".into(),
            minutes_per_case: "15".into(),
            contact_name: probe("contact"),
            contact_phone: "+45 12 34 56 78".into(),
            internal_notes: probe("notes"),
            it_systems: LABELS.into(),
            technologies: LABELS.into(),
            legal_basis: probe("legal"),
            ..RecordForm::default()
        };
        record_service::edit(&db, &keys, Some(&w.coordinator), &record, Locale::En).await.expect("record saved");
        service::comment(&db, Some(&w.coordinator), &CommentForm { candidate_id: id, body: probe("comment") })
            .await
            .expect("commented");
        app::scoring::assessment::service::assess(&db, Some(&w.coordinator), id, &answers(4, 4), Some(&probe("note")))
            .await
            .expect("assessed");
        app::scoring::backlog::service::decide(
            &db,
            Some(&w.coordinator),
            &DecisionForm {
                candidate_id: id,
                scope: "municipality".into(),
                outcome: "approve".into(),
                rationale: probe("rationale"),
                meeting: probe("meeting"),
                decided_on: String::new(),
            },
        )
        .await
        .expect("decided");

        let app = router_with(&db, |name| (name == "AUTOPORT_DATA_KEYS").then(|| KEYS.to_owned()));
        let reporter = sign_in(&app, "reporter@home.test").await;
        let coordinator = sign_in(&app, "coordinator@home.test").await;
        let admin = sign_in(&app, "admin@home.test").await;
        let group = sign_in(&app, "group@home.test").await;
        let other = sign_in(&app, "reporter@other.test").await;
        let pages: Vec<(String, Option<&str>)> = vec![
            (format!("/candidates/{id}"), None),
            ("/candidates?q=Probe".into(), None),
            (format!("/candidates/{id}"), Some(&reporter)),
            (format!("/candidates/{id}"), Some(&other)),
            ("/candidates".into(), Some(&reporter)),
            ("/candidates/new".into(), Some(&reporter)),
            (format!("/candidates/{id}/edit"), Some(&reporter)),
            (format!("/candidates/{id}/history"), Some(&reporter)),
            (format!("/candidates/{id}/scores"), Some(&reporter)),
            (format!("/candidates/{id}/assessment"), Some(&coordinator)),
            ("/notifications".into(), Some(&reporter)),
            ("/backlog".into(), Some(&coordinator)),
            ("/backlog/consortium".into(), Some(&group)),
            ("/matrix".into(), Some(&coordinator)),
            ("/decisions".into(), Some(&coordinator)),
            ("/admin/users".into(), Some(&admin)),
            (format!("/admin/users/{}", w.reporter.user_id), Some(&admin)),
            ("/admin/departments".into(), Some(&admin)),
            ("/admin/contacts?q=contact".into(), Some(&admin)),
            // The search is echoed into its field.
            ("/admin/contacts?q=Probe%3C%2Ftitle%3E%3Cscript%3Edocument.title".into(), Some(&admin)),
        ];
        for (path, cookie) in pages {
            let answer = send(&app, get(&path, cookie)).await;
            assert_eq!(answer.status, StatusCode::OK, "{path}");
            for raw in RAW {
                if let Some(at) = answer.body.find(raw) {
                    let context = &answer.body[at.saturating_sub(300)..(at + 100).min(answer.body.len())];
                    panic!("{path} renders {raw:?} as markup: …{context}…");
                }
            }
        }
        let contacts = send(&app, get("/admin/contacts?q=contact", Some(&admin))).await.body;
        assert!(contacts.contains("+45 12 34 56 78"), "the contact page found the probed contact: {contacts}");
        // The probe is on the page as text, and the title carries it escaped.
        let page = send(&app, get(&format!("/candidates/{id}"), None)).await.body;
        assert!(
            page.contains("<title>Probe&lt;/title&gt;&lt;/textarea&gt;&lt;script&gt;"),
            "{}",
            &page[..page.len().min(2000)]
        );
        assert!(page.contains("comment Probe&lt;/title&gt;"), "the comment is shown, escaped");
    })
    .await;
}
