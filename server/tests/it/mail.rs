//! E-mail notifications end to end: the outbox on both databases, sending over real SMTP to a
//! test sink on loopback (end2end/smtp/sink.py, Python's aiosmtpd), which prints every message
//! it receives as a JSON line. Skipped (with a note) where the sink cannot start; required where
//! AUTOPORT_TEST_REQUIRE_SMTP_SINK is set (scripts/test.sh, and so CI).

use crate::client::{encode, get, post_form, router, send};
use crate::http::sign_in;
use crate::support::{each_backend, report, world, World, PASSWORD};
use app::admin::service::erase_user;
use app::candidates::activity::outbox::{self, ClaimRules};
use app::candidates::model::{CommentForm, Visibility};
use app::candidates::service;
use app::common::locale::Locale;
use app::db::Db;
use app::identity::model::Role;
use app::with_pool;
use axum::body::Body;
use axum::http::{header, StatusCode};
use serde_json::Value;
use server::config::Config;
use server::mail::{MailConfig, Outbox, Report};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use time::OffsetDateTime;

const PUBLIC_URL: &str = "https://autoport.example";
const FROM: &str = "Autoport <noreply@autoport.example>";

/// The sink process, ended when the test is done, pass or fail.
struct Sink {
    child: Child,
    port: u16,
    received: mpsc::Receiver<Value>,
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sink {
    /// Everything received so far, waiting briefly for lines still on their way.
    fn mails(&self) -> Vec<Value> {
        let mut mails = Vec::new();
        while let Ok(mail) = self.received.recv_timeout(Duration::from_millis(300)) {
            mails.push(mail);
        }
        mails
    }
}

fn skip(why: &str) -> Option<Sink> {
    if std::env::var_os("AUTOPORT_TEST_REQUIRE_SMTP_SINK").is_some() {
        panic!("the SMTP test sink must run here, but: {why}");
    }
    eprintln!("SMTP sink skipped: {why}");
    None
}

/// The Python with aiosmtpd: AUTOPORT_SMTP_SINK_PYTHON, else the venv setup.sh makes, else
/// whatever `python3` is on the PATH.
fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("AUTOPORT_SMTP_SINK_PYTHON") {
        return p.into();
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/smtp-sink/bin/python3");
    if venv.exists() {
        venv
    } else {
        "python3".into()
    }
}

fn start_sink() -> Option<Sink> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end/smtp/sink.py");
    let spawned = Command::new(python())
        .arg(&script)
        .args(["--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return skip(&format!("python3 not startable: {e}")),
    };
    let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return skip("no pipes to the sink");
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Ok(value) = serde_json::from_str::<Value>(&line) {
                if tx.send(value).is_err() {
                    break;
                }
            }
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(20));
    let port = first.ok().and_then(|v| v["port"].as_u64()).and_then(|p| u16::try_from(p).ok());
    let Some(port) = port else {
        let _ = child.kill();
        let _ = child.wait();
        let mut why = String::new();
        let _ = stderr.read_to_string(&mut why);
        return skip(&format!("the sink did not start: {}", why.trim()));
    };
    Some(Sink { child, port, received: rx })
}

fn mail_config(smtp_url: &str) -> MailConfig {
    let lookup = |name: &str| match name {
        "AUTOPORT_SMTP_URL" => Some(smtp_url.to_owned()),
        "AUTOPORT_MAIL_FROM" => Some(FROM.to_owned()),
        _ => None,
    };
    MailConfig::from_lookup(&lookup).expect("valid").expect("configured")
}

/// One "node": its own outbox (and SMTP client) on the shared database.
fn node(db: &Db, port: u16) -> Outbox {
    Outbox::new(&mail_config(&format!("smtp://127.0.0.1:{port}?tls=none")), PUBLIC_URL, db.clone()).expect("outbox")
}

async fn comment(db: &Db, w: &World, id: i64, body: &str) {
    let form = CommentForm { candidate_id: id, body: body.into() };
    service::comment(db, Some(&w.reporter), &form).await.expect("commented");
}

async fn set_language(db: &Db, user_id: i64, code: &str) {
    with_pool!(db, pool => sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
        .bind(user_id).bind(code).execute(pool).await.map(|_| ()))
    .expect("language");
}

/// (emailed, outcome, attempts) of every notification, oldest first.
async fn outbox_rows(db: &Db) -> Vec<(bool, Option<String>, i32)> {
    with_pool!(db, pool => sqlx::query_as::<_, (bool, Option<String>, i32)>(
        "SELECT emailed_at IS NOT NULL, email_outcome, email_attempts FROM notifications ORDER BY id")
        .fetch_all(pool).await)
    .expect("rows")
}

fn to(mail: &Value) -> &str {
    mail["rcpt_tos"][0].as_str().unwrap_or_default()
}

fn body(mail: &Value) -> String {
    mail["body"].as_str().unwrap_or_default().replace("\r\n", "\n")
}

#[tokio::test]
async fn a_comment_reaches_each_follower_once_in_their_language_even_with_two_nodes() {
    each_backend(|db| async move {
        let Some(sink) = start_sink() else { return };
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Consortium).await;
        service::follow(&db, Some(&w.colleague), id, true).await.expect("follows");
        service::follow(&db, Some(&w.other_reporter), id, true).await.expect("follows");
        set_language(&db, w.colleague.user_id, "de").await;
        comment(&db, &w, id, "Could we use the new portal API?\nIt has an export.").await;

        let (a, b) = (node(&db, sink.port), node(&db, sink.port));
        let (ra, rb) = tokio::join!(a.step(), b.step());
        assert_eq!(ra.sent + rb.sent, 2, "{ra:?} {rb:?}");
        assert_eq!(ra.failed + rb.failed + ra.skipped + rb.skipped, 0);
        let (ra, rb) = tokio::join!(a.step(), b.step());
        assert_eq!((ra, rb), (Report::default(), Report::default()), "nothing is sent twice");

        let mails = sink.mails();
        assert_eq!(mails.len(), 2, "{mails:#?}");
        let colleague = mails.iter().find(|m| to(m) == "colleague@home.test").expect("colleague's mail");
        let subject = colleague["subject"].as_str().unwrap_or_default();
        assert!(subject.contains("Travel claims") && subject.contains("reporter hat kommentiert"), "{subject}");
        let text = body(colleague);
        assert!(text.contains(&format!("{PUBLIC_URL}/candidates/{id}\n")), "{text}");
        assert!(text.contains("> Could we use the new portal API?\n> It has an export."), "{text}");
        assert!(text.contains("Kandidaten öffnen"), "German, as the colleague reads: {text}");
        assert_eq!(colleague["mail_from"], "noreply@autoport.example");

        // Across municipalities the author's name is withheld, as in the app; English by default.
        let other = mails.iter().find(|m| to(m) == "reporter@other.test").expect("other's mail");
        let subject = other["subject"].as_str().unwrap_or_default();
        let withheld = app::common::texts::texts(Locale::En).person_withheld;
        assert!(subject.contains(withheld) && !subject.contains("reporter "), "{subject}");
        assert!(!body(other).contains("reporter commented"), "{}", body(other));

        let rows = outbox_rows(&db).await;
        assert!(rows.iter().all(|(emailed, outcome, attempts)| *emailed && outcome.is_none() && *attempts == 1));
    })
    .await;
}

#[tokio::test]
async fn no_mail_to_the_opted_out_the_erased_or_who_lost_sight_of_the_candidate() {
    each_backend(|db| async move {
        let Some(sink) = start_sink() else { return };
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Parking permits", Visibility::Consortium).await;
        for who in [&w.colleague, &w.consortium_coordinator, &w.other_reporter, &w.coordinator] {
            service::follow(&db, Some(who), id, true).await.expect("follows");
        }
        service::set_mail_wanted(&db, Some(&w.colleague), false).await.expect("opted out");
        assert_eq!(service::mail_wanted(&db, Some(&w.colleague)).await, Ok(false));
        comment(&db, &w, id, "Shall we ask the vendor?").await;
        // A consortium coordinator ranks above a municipality admin: the home municipality's
        // admin who is also the consortium's admin erases them.
        let boss = app::identity::model::Actor {
            roles: vec![Role::MunicipalityAdmin, Role::ConsortiumAdmin],
            ..w.municipality_admin.clone()
        };
        erase_user(&db, Some(&boss), w.consortium_coordinator.user_id).await.expect("erased");
        // Made municipality-only after the comment: the other municipality no longer sees it.
        with_pool!(&db, pool => sqlx::query("UPDATE candidates SET visibility = 'municipality' WHERE id = $1")
            .bind(id).execute(pool).await.map(|_| ()))
        .expect("narrowed");

        let report = node(&db, sink.port).step().await;
        // Erasure removed the erased person's notifications; the other two are skipped.
        assert_eq!((report.sent, report.skipped, report.failed), (1, 2, 0), "{report:?}");
        let mails = sink.mails();
        assert_eq!(mails.iter().map(to).collect::<Vec<_>>(), ["coordinator@home.test"]);
        let mut outcomes: Vec<Option<String>> = outbox_rows(&db).await.into_iter().map(|r| r.1).collect();
        outcomes.sort();
        assert_eq!(outcomes, [None, Some("not_visible".to_owned()), Some("opted_out".to_owned())]);

        // Erased while a node holds the claim: asked again before sending, nothing goes out.
        comment(&db, &w, id, "One more thing").await;
        let batch = outbox::claim(&db, &ClaimRules::default(), OffsetDateTime::now_utc()).await.expect("claim");
        let row = *batch.rows.iter().find(|r| r.user_id == w.coordinator.user_id).expect("claimed");
        erase_user(&db, Some(&w.municipality_admin), w.coordinator.user_id).await.expect("erased");
        let prepared = outbox::prepare(&db, row, PUBLIC_URL).await.expect("prepared");
        assert!(matches!(prepared, outbox::Prepared::Skip("erased")), "{prepared:?}");
    })
    .await;
}

#[tokio::test]
async fn an_unreachable_smtp_server_leaves_the_row_for_a_retry_then_gives_up() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Meal subsidies", Visibility::Municipality).await;
        service::follow(&db, Some(&w.colleague), id, true).await.expect("follows");
        comment(&db, &w, id, "Anyone?").await;
        // A port nobody listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
        let mut outbox = node(&db, port);
        outbox.rules.max_attempts = 2;
        let now = OffsetDateTime::now_utc();
        assert_eq!(outbox.step_at(now).await.failed, 1);
        assert_eq!(outbox_rows(&db).await, [(false, None, 1)], "unsent, kept for a retry");
        assert_eq!(outbox.step_at(now + time::Duration::minutes(1)).await, Report::default(), "claim still fresh");
        assert_eq!(outbox.step_at(now + time::Duration::minutes(11)).await.failed, 1, "retried once stale");
        assert_eq!(outbox_rows(&db).await, [(false, Some("gave_up".to_owned()), 2)]);
        assert_eq!(outbox.step_at(now + time::Duration::minutes(30)).await, Report::default());
    })
    .await;
}

#[tokio::test]
async fn without_smtp_nothing_is_claimed_and_the_task_stops_with_the_server() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Dog licences", Visibility::Municipality).await;
        service::follow(&db, Some(&w.colleague), id, true).await.expect("follows");
        comment(&db, &w, id, "Hello").await;
        let config = Config::from_lookup(|_| None).expect("config");
        assert!(server::mail::start(&config, db.clone()).expect("start").is_none());
        let claimed: i64 = with_pool!(&db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE email_claimed_at IS NOT NULL").fetch_one(pool).await)
        .expect("count");
        assert_eq!(claimed, 0);

        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
        let task = server::mail::spawn(node(&db, port), Duration::from_millis(20));
        tokio::time::sleep(Duration::from_millis(100)).await;
        task.stop(Duration::from_secs(10)).await;
    })
    .await;
}

#[tokio::test]
async fn sign_in_remembers_the_language_and_the_page_saves_the_choice_without_javascript() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let body = encode(&[("email", "colleague@home.test"), ("password", PASSWORD)]);
        let request = post_form("/fn/identity/login", None)
            .header(header::ACCEPT_LANGUAGE, "sv-SE,sv;q=0.9,en;q=0.5")
            .body(Body::from(body))
            .expect("request");
        assert_eq!(send(&app, request).await.status, StatusCode::OK);
        let language: Option<String> = with_pool!(&db, pool => sqlx::query_scalar(
            "SELECT language FROM users WHERE id = $1").bind(w.colleague.user_id).fetch_one(pool).await)
        .expect("language");
        assert_eq!(language.as_deref(), Some("sv"));

        let cookie = sign_in(&app, "reporter@home.test").await;
        let page = send(&app, get("/notifications", Some(&cookie))).await;
        assert!(page.body.contains(r#"<label for="email_me">E-mail me about followed candidates</label>"#));
        let ticked = r#"name="email_me" type="checkbox" value="on" checked"#;
        assert!(page.body.contains(ticked), "on by default");
        // A browser without JavaScript posts an unticked box as nothing at all.
        let save = |fields: &[(&str, &str)]| {
            post_form("/fn/notifications/mail/save", Some(&cookie))
                .header(header::ACCEPT, "text/html")
                .body(Body::from(encode(fields)))
                .expect("request")
        };
        let answer = send(&app, save(&[])).await;
        assert!(answer.status.is_redirection(), "{}", answer.status);
        assert_eq!(answer.location(), "/notifications?mail=saved");
        assert_eq!(service::mail_wanted(&db, Some(&w.reporter)).await, Ok(false));
        let page = send(&app, get("/notifications?mail=saved", Some(&cookie))).await;
        assert!(page.body.contains("Saved.") && !page.body.contains(ticked), "saved and unticked");
        send(&app, save(&[("email_me", "on")])).await;
        assert_eq!(service::mail_wanted(&db, Some(&w.reporter)).await, Ok(true));
    })
    .await;
}
