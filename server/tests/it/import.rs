//! CSV import of candidates on both databases: header mapping, the dry run, all-or-nothing
//! commits, upsert by external id within the importer's municipality, who may import, the
//! background worker with its progress and stale claims, and the upload over HTTP.

use crate::client::{encode, get, post_form, router, send};
use crate::http::sign_in;
use crate::support::{count_candidates, each_backend, report, world, World};
use app::admin::store::{Op, Parent};
use app::candidates::import::{service, store, Field, ImportView, JobState, MappingForm, RowAction, INLINE_ROWS};
use app::candidates::model::{Phase, Status, Visibility};
use app::candidates::search::export::candidates_csv;
use app::candidates::search::model::CandidateQuery;
use app::candidates::service as candidates;
use app::common::error::{AppError, Invalid};
use app::common::locale::Locale;
use app::db::Db;
use app::identity::model::Actor;
use app::with_pool;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use time::{Duration, OffsetDateTime};

async fn upload(db: &Db, who: &Actor, csv: &str) -> i64 {
    service::upload(db, Some(who), "candidates.csv", csv).await.expect("uploaded")
}

async fn view(db: &Db, who: &Actor, job: i64) -> ImportView {
    service::view(db, Some(who), job).await.expect("job")
}

/// A dry run of a small file (done in the request) and its report.
async fn dry_run(db: &Db, who: &Actor, job: i64) -> ImportView {
    service::start(db, Some(who), job, false).await.expect("checked");
    view(db, who, job).await
}

fn actions(v: &ImportView) -> Vec<RowAction> {
    v.report.as_ref().expect("report").rows.iter().map(|r| r.action).collect()
}

fn fields(v: &ImportView) -> Vec<Field> {
    v.columns.iter().map(|c| c.field).collect()
}

async fn audit_events(db: &Db) -> i64 {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_events").fetch_one(pool).await)
        .expect("count")
}

async fn by_external_id(db: &Db, municipality: i64, external: &str) -> Option<i64> {
    store::candidate_by_external_id(db, municipality, external).await.expect("lookup")
}

#[tokio::test]
async fn danish_and_german_headers_are_mapped_and_a_dry_run_writes_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let danish = "\u{feff}Titel;Beskrivelse;Afdeling;Volumen;Periode;Minutter pr. sag;Eksternt id;Noter\n\
                      Rejseafregning;Tastes fra PDF;Home Borgerservice;12,5;week;15;RA-1;x\n\
                      Påmindelser;Sendes manuelt;;40;month;3;RA-2;y\n";
        let job = upload(&db, &w.coordinator, danish).await;
        let v = view(&db, &w.coordinator, job).await;
        assert_eq!(
            fields(&v),
            vec![
                Field::Title,
                Field::Description,
                Field::Department,
                Field::Volume,
                Field::Period,
                Field::MinutesPerCase,
                Field::ExternalId,
                Field::Ignore
            ]
        );
        assert_eq!(v.progress.state, JobState::Uploaded);
        let checked = dry_run(&db, &w.coordinator, job).await;
        assert_eq!(checked.progress.state, JobState::Checked);
        assert_eq!(actions(&checked), vec![RowAction::Create, RowAction::Create]);
        assert_eq!(checked.report.as_ref().map(|r| r.rows[1].line), Some(3));
        assert_eq!(count_candidates(&db).await, 0, "a dry run writes nothing");

        let german = "Titel,Beschreibung,Organisationseinheit,Menge,Zeitraum,Minuten pro Fall,Externe ID,Rechtsgrundlage,Schlagwörter\n\
                      Reisekosten,Abgetippt,,40,week,15,RK-1,§ 12 SGB,\"Reise, Lohn\"\n";
        let job = upload(&db, &w.coordinator, german).await;
        let v = dry_run(&db, &w.coordinator, job).await;
        assert_eq!(
            fields(&v),
            vec![
                Field::Title,
                Field::Description,
                Field::Department,
                Field::Volume,
                Field::Period,
                Field::MinutesPerCase,
                Field::ExternalId,
                Field::LegalBasis,
                Field::Tags
            ]
        );
        assert_eq!(actions(&v), vec![RowAction::Create]);
        assert_eq!(count_candidates(&db).await, 0);
    })
    .await;
}

#[tokio::test]
async fn an_export_imports_back_unchanged_in_every_language() {
    each_backend(|db| async move {
        let w = world(&db).await;
        report(&db, &w.coordinator, "=Travel claims", Visibility::Municipality).await;
        report(&db, &w.reporter, "Reminders, sent by hand", Visibility::Private).await;
        // Guarded inside as well (a `;` or `,` separates cells in some spreadsheets).
        report(&db, &w.coordinator, "Rejse;=1+1, -2 ;'@x", Visibility::Municipality).await;
        // Shared by another municipality: in the export, skipped by the import.
        report(&db, &w.other_reporter, "Their shared process", Visibility::Consortium).await;
        for locale in Locale::ALL {
            let csv = candidates_csv(&db, Some(&w.coordinator), &CandidateQuery::default(), locale).await.expect("csv");
            let csv = String::from_utf8(csv).expect("utf-8");
            let job = upload(&db, &w.coordinator, &csv).await;
            let v = dry_run(&db, &w.coordinator, job).await;
            let mut got = actions(&v);
            got.sort_by_key(|a| a.as_str());
            assert_eq!(
                got,
                vec![RowAction::Skipped, RowAction::Unchanged, RowAction::Unchanged, RowAction::Unchanged],
                "{locale:?}"
            );
            let before = audit_events(&db).await;
            service::start(&db, Some(&w.coordinator), job, true).await.expect("committed");
            let done = view(&db, &w.coordinator, job).await;
            assert_eq!(done.progress.state, JobState::Done);
            assert!(done.report.expect("report").committed);
            assert_eq!(audit_events(&db).await, before, "nothing changed");
            assert_eq!(count_candidates(&db).await, 4);
        }
    })
    .await;
}

#[tokio::test]
async fn one_bad_row_names_its_line_and_field_and_nothing_is_written() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let csv = "title,description,volume,period,minutes per case,external id\n\
                   Good one,Typed by hand,10,week,5,G-1\n\
                   Bad one,Typed by hand,many,week,5,G-2\n\
                   Short row,Typed by hand\n\
                   Unknown department,Typed,1,fortnight,5,G-3\n";
        let job = upload(&db, &w.municipality_admin, csv).await;
        let v = dry_run(&db, &w.municipality_admin, job).await;
        let report = v.report.clone().expect("report");
        assert_eq!(actions(&v), vec![RowAction::Create, RowAction::Error, RowAction::Error, RowAction::Error]);
        assert_eq!(report.rows[1].line, 3);
        assert_eq!(report.rows[1].errors[0].field, "volume");
        assert_eq!(report.rows[1].errors[0].problem, Invalid::NotANumber);
        assert_eq!(report.rows[2].errors[0].field, "row");
        assert_eq!(report.rows[2].errors[0].problem, Invalid::FieldCount { expected: 6, found: 2 });
        assert_eq!(report.rows[3].errors[0].field, "period");
        // The commit is refused; nothing is written.
        assert_eq!(service::start(&db, Some(&w.municipality_admin), job, true).await, Err(AppError::Conflict));
        assert_eq!(count_candidates(&db).await, 0);

        // A file with no title column and no way to match existing candidates says so at once.
        let job = upload(&db, &w.municipality_admin, "description,volume\nx,1\n").await;
        let v = dry_run(&db, &w.municipality_admin, job).await;
        assert!(v.report.expect("report").problems.len() >= 3);
    })
    .await;
}

#[tokio::test]
async fn upsert_by_external_id_updates_only_that_candidate_audited_and_reimport_changes_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let first = "external id,title,description,volume,period,minutes per case,tags,visibility\n\
                     A-1,Travel claims,Typed by hand,40,week,15,\"payroll, travel\",\n\
                     A-2,Reminders,Sent by hand,10,day,3,,consortium\n";
        let job = upload(&db, &w.coordinator, first).await;
        assert_eq!(actions(&dry_run(&db, &w.coordinator, job).await), vec![RowAction::Create, RowAction::Create]);
        service::start(&db, Some(&w.coordinator), job, true).await.expect("committed");
        assert_eq!(count_candidates(&db).await, 2);
        let a1 = by_external_id(&db, w.home, "A-1").await.expect("A-1");
        let a2 = by_external_id(&db, w.home, "A-2").await.expect("A-2");
        let c = candidates::get(&db, Some(&w.coordinator), a1).await.expect("visible");
        assert_eq!((c.phase, c.status, c.visibility), (Phase::Idea, Status::Active, Visibility::Municipality));
        assert_eq!(c.reporter, app::identity::model::PersonRef::Named("coordinator".into()));
        assert_eq!(c.record.tags, vec!["payroll", "travel"]);
        let done = view(&db, &w.coordinator, job).await.report.expect("report");
        assert!(done.committed && done.rows.iter().all(|r| r.candidate_id.is_some()));

        // Only the title of A-1 changes; only mapped fields are touched.
        let second = "external id,title\nA-1,Travel claims (all departments)\nA-2,Reminders\n";
        let job = upload(&db, &w.coordinator, second).await;
        assert_eq!(actions(&dry_run(&db, &w.coordinator, job).await), vec![RowAction::Update, RowAction::Unchanged]);
        let before_a2 = candidates::history(&db, Some(&w.coordinator), a2).await.expect("history").len();
        service::start(&db, Some(&w.coordinator), job, true).await.expect("committed");
        let c = candidates::get(&db, Some(&w.coordinator), a1).await.expect("visible");
        assert_eq!(c.title, "Travel claims (all departments)");
        assert_eq!(c.volume, 40.0, "unmapped fields keep their values");
        assert_eq!(c.record.tags, vec!["payroll", "travel"]);
        let history = candidates::history(&db, Some(&w.coordinator), a1).await.expect("history");
        let title = history.iter().find(|e| e.field == "title").expect("title audited");
        assert_eq!(title.old_value.as_deref(), Some("Travel claims"));
        assert_eq!(title.new_value.as_deref(), Some("Travel claims (all departments)"));
        assert_eq!(candidates::history(&db, Some(&w.coordinator), a2).await.expect("history").len(), before_a2);

        // The same file again: unchanged, nothing written.
        let events = audit_events(&db).await;
        let job = upload(&db, &w.coordinator, second).await;
        assert_eq!(actions(&dry_run(&db, &w.coordinator, job).await), vec![RowAction::Unchanged, RowAction::Unchanged]);
        service::start(&db, Some(&w.coordinator), job, true).await.expect("committed");
        assert_eq!(audit_events(&db).await, events);
        // Labels are a set: the same tags in another order are no change either.
        let job = upload(&db, &w.coordinator, "external id,tags\nA-1,\"travel, payroll\"\n").await;
        assert_eq!(actions(&dry_run(&db, &w.coordinator, job).await), vec![RowAction::Unchanged]);

        // Another municipality's external ids never match: theirs is a new candidate of theirs.
        let job = upload(&db, &w.other_coordinator, first).await;
        assert_eq!(actions(&dry_run(&db, &w.other_coordinator, job).await), vec![RowAction::Create, RowAction::Create]);
        service::start(&db, Some(&w.other_coordinator), job, true).await.expect("committed");
        assert_eq!(count_candidates(&db).await, 4);
        let theirs = by_external_id(&db, w.other, "A-1").await.expect("theirs");
        assert_ne!(theirs, a1);
        let c = candidates::get(&db, Some(&w.coordinator), a1).await.expect("visible");
        assert_eq!(c.title, "Travel claims (all departments)", "ours untouched");
        // And their export's ids of our candidates are skipped, never updated.
        let forged = format!("ID,title\n{a1},Hijacked\n");
        let job = upload(&db, &w.other_coordinator, &forged).await;
        assert_eq!(actions(&dry_run(&db, &w.other_coordinator, job).await), vec![RowAction::Skipped]);
    })
    .await;
}

async fn limit_to(db: &Db, user: i64, department: i64) {
    with_pool!(db, pool => sqlx::query("INSERT INTO coordinator_departments (user_id, department_id) VALUES ($1, $2)")
        .bind(user).bind(department).execute(pool).await.map(|_| ()))
    .expect("limit");
}

async fn limited_coordinator(db: &Db, w: &World) -> Actor {
    limit_to(db, w.coordinator.user_id, w.home_department).await;
    let user = app::identity::store::load_user(db, w.coordinator.user_id).await.expect("load").expect("user");
    assert!(!user.actor.coordinator_scope.is_empty());
    user.actor
}

#[tokio::test]
async fn who_may_import_and_where() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let csv = "title,description,volume,period,minutes per case,department\nX,Y,1,week,1,\n";
        assert_eq!(service::upload(&db, Some(&w.reporter), "a.csv", csv).await, Err(AppError::Forbidden));
        assert_eq!(service::upload(&db, Some(&w.consortium_coordinator), "a.csv", csv).await, Err(AppError::Forbidden));
        assert_eq!(service::upload(&db, None, "a.csv", csv).await, Err(AppError::Unauthenticated));
        // A job is its uploader's only.
        let job = upload(&db, &w.coordinator, csv).await;
        assert_eq!(service::view(&db, Some(&w.municipality_admin), job).await, Err(AppError::NotFound));
        assert_eq!(service::view(&db, Some(&w.other_coordinator), job).await, Err(AppError::NotFound));

        // A coordinator limited to one department imports into that department only (a row
        // that changes nothing outside it is no error: nothing is written).
        let economy = app::admin::store::apply(
            &db,
            w.home,
            &[Op::CreateDepartment { name: "Home Økonomi".into(), parent: Parent::Top }],
        )
        .await
        .expect("department")[0];
        let outside = report(&db, &w.reporter, "Outside", Visibility::Municipality).await;
        let limited = limited_coordinator(&db, &w).await;
        let csv = format!(
            "ID,title,description,volume,period,minutes per case,department\n\
             ,Ours,Typed,1,week,1,Home Borgerservice\n\
             ,Theirs,Typed,1,week,1,Home Økonomi\n\
             ,Nowhere,Typed,1,week,1,\n\
             ,Not ours,Typed,1,week,1,Other Borgerservice\n\
             {outside},Outside renamed,Typed,1,week,1,Home Borgerservice\n"
        );
        let job = upload(&db, &limited, &csv).await;
        let v = dry_run(&db, &limited, job).await;
        assert_eq!(
            actions(&v),
            vec![RowAction::Create, RowAction::Error, RowAction::Error, RowAction::Error, RowAction::Error]
        );
        let report = v.report.expect("report");
        assert_eq!(report.rows[1].errors[0].problem, Invalid::OutsideYourDepartments);
        assert_eq!(report.rows[2].errors[0].problem, Invalid::OutsideYourDepartments);
        assert_eq!(report.rows[3].errors[0].problem, Invalid::UnknownChoice, "another municipality's department");
        assert_eq!(report.rows[4].errors[0].problem, Invalid::OutsideYourDepartments);
        assert_eq!(report.rows[1].errors[0].field, "department");
        let _ = economy;
        assert_eq!(service::start(&db, Some(&limited), job, true).await, Err(AppError::Conflict));
        assert_eq!(count_candidates(&db).await, 1);
        let job = upload(&db, &limited, &format!("ID,title\n{outside},Outside\n")).await;
        assert_eq!(actions(&dry_run(&db, &limited, job).await), vec![RowAction::Unchanged]);

        // A role taken away after the upload counts when the job runs.
        let job = upload(
            &db,
            &limited,
            "title,description,volume,period,minutes per case,department\nX,Y,1,week,1,Home Borgerservice\n",
        )
        .await;
        with_pool!(&db, pool => sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = 'coordinator'")
            .bind(limited.user_id).execute(pool).await.map(|_| ()))
        .expect("role removed");
        assert_eq!(service::start(&db, Some(&limited), job, false).await, Err(AppError::Forbidden));
        let v = view(&db, &limited, job).await;
        assert_eq!(v.report.expect("report").problems, vec![app::candidates::import::FileProblem::NotAllowed]);
    })
    .await;
}

fn big_file(rows: usize) -> String {
    let mut csv = String::from("Eksternt id;Titel;Beskrivelse;Volumen;Periode;Minutter pr. sag\n");
    for i in 0..rows {
        csv.push_str(&format!("B-{i};Proces {i};Tastes i hånden;{};week;5\n", i % 50 + 1));
    }
    csv
}

#[tokio::test]
async fn a_large_file_runs_in_the_background_and_reports_progress() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let rows = 3_000;
        let job = upload(&db, &w.coordinator, &big_file(rows)).await;
        service::start(&db, Some(&w.coordinator), job, false).await.expect("queued");
        let waiting = service::progress(&db, Some(&w.coordinator), job).await.expect("progress");
        assert_eq!(waiting.state, JobState::CheckQueued, "left to the worker");
        assert_eq!(waiting.total_rows, rows as u64);

        // The worker runs while the page polls.
        let worker = tokio::spawn({
            let db = db.clone();
            async move { service::step(&db, OffsetDateTime::now_utc()).await }
        });
        let mut seen_between = false;
        while !worker.is_finished() {
            let p = service::progress(&db, Some(&w.coordinator), job).await.expect("progress");
            if p.state == JobState::Checking && p.processed_rows > 0 && p.processed_rows < p.total_rows {
                seen_between = true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        assert_eq!(worker.await.expect("worker").expect("step"), Some(job));
        assert!(seen_between, "progress was visible while checking");
        let v = view(&db, &w.coordinator, job).await;
        assert_eq!(v.progress.state, JobState::Checked);
        assert_eq!(v.progress.processed_rows, rows as u64);
        assert!(actions(&v).iter().all(|a| *a == RowAction::Create));
        assert_eq!(count_candidates(&db).await, 0);

        service::start(&db, Some(&w.coordinator), job, true).await.expect("queued");
        assert_eq!(service::step(&db, OffsetDateTime::now_utc()).await.expect("step"), Some(job));
        assert_eq!(service::step(&db, OffsetDateTime::now_utc()).await.expect("step"), None, "nothing left");
        let v = view(&db, &w.coordinator, job).await;
        assert_eq!(v.progress.state, JobState::Done);
        assert_eq!(count_candidates(&db).await, rows as i64);
    })
    .await;
}

#[tokio::test]
async fn a_stale_claim_is_taken_over_and_the_old_claimer_stops() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let job = upload(&db, &w.coordinator, &big_file(INLINE_ROWS + 50)).await;
        service::start(&db, Some(&w.coordinator), job, false).await.expect("queued");
        let now = OffsetDateTime::now_utc();
        // A node claimed it ten minutes ago and died.
        let dead = store::claim(&db, now - Duration::minutes(10), None).await.expect("claim").expect("claimed");
        assert_eq!(dead.id, job);
        assert_eq!(dead.state, "checking");
        // A fresh claim is not taken by another node.
        assert!(store::claim(&db, now - Duration::minutes(9), None).await.expect("claim").is_none());
        // Later it is stale and another node runs it.
        assert_eq!(service::step(&db, now).await.expect("step"), Some(job));
        assert_eq!(view(&db, &w.coordinator, job).await.progress.state, JobState::Checked);
        // The dead node's late writes change nothing.
        assert!(!store::progress(&db, &dead, 7).await.expect("progress"));
    })
    .await;
}

#[tokio::test]
async fn the_mapping_can_be_changed_before_the_dry_run() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let csv = "Name of the process,What,Count,Per,Minutes\nTravel,Typed,4,week,5\n";
        let job = upload(&db, &w.coordinator, csv).await;
        let v = view(&db, &w.coordinator, job).await;
        assert_eq!(fields(&v)[0], Field::Ignore);
        let chosen = [Field::Title, Field::Description, Field::Volume, Field::Period, Field::MinutesPerCase];
        let form = MappingForm { job, fields: chosen.iter().map(|f| f.as_str().to_owned()).collect() };
        service::set_mapping(&db, Some(&w.coordinator), &form).await.expect("saved");
        let v = dry_run(&db, &w.coordinator, job).await;
        assert_eq!(fields(&v), chosen.to_vec());
        assert_eq!(actions(&v), vec![RowAction::Create]);
        let bad = MappingForm { job, fields: vec!["title".into()] };
        assert!(matches!(service::set_mapping(&db, Some(&w.coordinator), &bad).await, Err(AppError::Invalid(_))));
    })
    .await;
}

fn multipart(cookie: &str, origin: Option<&str>, file: &str) -> Request<Body> {
    let boundary = "XyZboundary42";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    let mut builder = Request::post("/candidates/import")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::COOKIE, cookie);
    if let Some(origin) = origin {
        builder = builder.header(header::ORIGIN, origin);
    }
    builder.body(Body::from(body)).expect("request")
}

#[tokio::test]
async fn the_upload_works_without_javascript_and_refuses_other_sites() {
    each_backend(|db| async move {
        let _w = world(&db).await;
        let app = router(&db);
        let cookie = sign_in(&app, "coordinator@home.test").await;
        let csv = "title,description,volume,period,minutes per case\nTravel,Typed,4,week,5\n";
        let answer = send(&app, multipart(&cookie, Some("http://127.0.0.1:3000"), csv)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert!(answer.location().starts_with("/candidates/import/"), "{}", answer.location());
        let page = send(&app, get(answer.location(), Some(&cookie))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("list.csv"), "the job page names the file");

        // A large file: the dry run is left to the worker and the page shows its progress, with
        // a link to refresh and no automatic refresh (WCAG 2.2.1).
        let answer = send(&app, multipart(&cookie, None, &big_file(INLINE_ROWS + 50))).await;
        let page_path = answer.location().to_owned();
        let job = page_path.rsplit('/').next().expect("id").to_owned();
        let run = post_form("/fn/candidates/import/run", Some(&cookie))
            .header(header::ACCEPT, "text/html")
            .body(Body::from(encode(&[("job", job.as_str())])))
            .expect("request");
        let answer = send(&app, run).await;
        assert!(answer.status.is_redirection(), "{}", answer.status);
        let page = send(&app, get(&page_path, Some(&cookie))).await;
        assert!(page.body.contains("<progress"), "{}", page.body);
        assert!(page.body.contains("Waiting to start") && page.body.contains("Refresh to see the progress"));
        assert!(!page.body.contains("http-equiv"));

        let answer = send(&app, multipart(&cookie, Some("https://evil.example"), csv)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);

        let answer = send(&app, multipart(&cookie, None, "")).await;
        assert_eq!(answer.location(), "/candidates/import?problem=no_file");

        let reporter = sign_in(&app, "reporter@home.test").await;
        let answer = send(&app, multipart(&reporter, None, csv)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        let page = send(&app, get("/candidates", Some(&reporter))).await;
        assert!(!page.body.contains("/candidates/import"), "no import link for reporters");
        let page = send(&app, get("/candidates", Some(&cookie))).await;
        assert!(page.body.contains("href=\"/candidates/import\""), "an import link for coordinators");
    })
    .await;
}

#[tokio::test]
async fn a_reporters_upload_is_refused_before_its_body_is_read() {
    use http_body_util::BodyExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    each_backend(|db| async move {
        world(&db).await;
        let app = router(&db);
        let reporter = sign_in(&app, "reporter@home.test").await;
        let read = Arc::new(AtomicBool::new(false));
        let flag = read.clone();
        let file = "--XyZboundary42\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ntitle\nA\r\n--XyZboundary42--\r\n";
        let body = http_body_util::Full::new(axum::body::Bytes::from(file)).map_frame(move |frame| {
            flag.store(true, Ordering::SeqCst);
            frame
        });
        let request = Request::post("/candidates/import")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZboundary42")
            .header(header::COOKIE, &reporter)
            .body(Body::new(body))
            .expect("request");
        let answer = send(&app, request).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert!(!read.load(Ordering::SeqCst), "the body was read before the role was checked");
    })
    .await;
}
