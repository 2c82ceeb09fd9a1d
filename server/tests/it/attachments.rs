//! Attachments: upload and download through the page's routes, the size limit, the content
//! checks, who sees which attachment, who may delete, forged posts, erasure and the API.

use crate::api::{token, with_bearer};
use crate::client::{get, router, router_with, send};
use crate::http::sign_in;
use crate::support::{each_backend, report, world, World};
use app::candidates::attachments::{self, AttachmentNotice, AttachmentVisibility, Upload};
use app::candidates::model::Visibility;
use app::common::error::{AppError, Invalid};
use app::db::Db;
use app::identity::model::{Actor, PersonRef};
use app::with_pool;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

const BOUNDARY: &str = "autoport-test-boundary-7MA4YWxkTrZu0gW";
const MB: usize = 1024 * 1024;

fn pdf(size: usize) -> Vec<u8> {
    let mut data = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    data.resize(size.max(data.len()), b'x');
    data
}

/// A multipart body as a browser sends the upload form.
fn multipart(file_name: &str, data: &[u8], visibility: &str) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"visibility\"\r\n\r\n{visibility}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn upload_request(candidate: i64, cookie: &str, body: Vec<u8>) -> axum::http::request::Builder {
    Request::post(format!("/candidates/{candidate}/attachments"))
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .header(header::CONTENT_LENGTH, body.len())
}

struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }
}

async fn send_raw(app: &Router, request: Request<Body>) -> Raw {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    Raw { status, headers, body }
}

async fn upload(app: &Router, candidate: i64, cookie: &str, file_name: &str, data: &[u8], visibility: &str) -> Raw {
    let body = multipart(file_name, data, visibility);
    send_raw(app, upload_request(candidate, cookie, body.clone()).body(Body::from(body)).expect("req")).await
}

/// The outcome the last post left in the session, as the page takes it.
async fn notice(app: &Router, cookie: &str) -> Option<AttachmentNotice> {
    let request = Request::post("/fn/candidates/attachments/notice")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::empty())
        .expect("req");
    let answer = send(app, request).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str(&answer.body).expect("notice JSON")
}

async fn stored(db: &Db) -> i64 {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM candidate_attachments")
        .fetch_one(pool).await)
    .expect("count")
}

/// Stores a file through the service, as the upload route does after reading the form.
async fn attach(db: &Db, who: &Actor, candidate: i64, name: &str, visibility: AttachmentVisibility) -> i64 {
    let upload = Upload {
        candidate_id: candidate,
        file_name: name.into(),
        data: pdf(100),
        visibility: visibility.as_str().into(),
    };
    attachments::upload(db, Some(who), 10 * MB as u64, upload).await.expect("attached").0
}

fn refused_field(notice: Option<AttachmentNotice>, field: &str) -> Option<Invalid> {
    match notice {
        Some(AttachmentNotice::Refused(error)) => error.field(field),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_pdf_goes_up_and_comes_down_with_safe_headers() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let cookie = sign_in(&app, "reporter@home.test").await;
        let data = pdf(3000);
        let answer = upload(&app, id, &cookie, "Proces: kort æøå.pdf", &data, "municipality").await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(answer.header(header::LOCATION), format!("/candidates/{id}#attachments"));
        let stored_name = "Proces_ kort æøå.pdf";
        assert_eq!(notice(&app, &cookie).await, Some(AttachmentNotice::Added { file_name: stored_name.into() }));
        assert_eq!(notice(&app, &cookie).await, None, "shown once");

        let view = attachments::view(&db, Some(&w.colleague), id, 10 * MB as u64).await.expect("view");
        let a = &view.items[0];
        assert_eq!(
            (a.file_name.as_str(), a.content_type.as_str(), a.size_bytes),
            (stored_name, "application/pdf", 3000)
        );
        assert_eq!(a.sha256.len(), 64);
        assert_eq!(a.uploaded_by, PersonRef::Named("reporter".into()));
        assert!(!a.may_delete, "a colleague neither uploaded it nor edits the candidate");

        let file = send_raw(&app, get(&format!("/candidates/{id}/attachments/{}", a.id), Some(&cookie))).await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(file.body, data);
        assert_eq!(file.header(header::CONTENT_TYPE), "application/pdf");
        assert_eq!(
            file.header(header::CONTENT_DISPOSITION),
            "attachment; filename=\"Proces_ kort ___.pdf\"; filename*=UTF-8''Proces_%20kort%20%C3%A6%C3%B8%C3%A5.pdf"
        );
        assert_eq!(file.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(file.header(header::CONTENT_SECURITY_POLICY), "sandbox");
        assert!(file.header(header::CACHE_CONTROL).starts_with("private"));

        // The page lists it, with the upload form for this reader.
        let page = send(&app, get(&format!("/candidates/{id}"), Some(&cookie))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Proces_ kort æøå.pdf"), "listed");
        assert!(page.body.contains("enctype=\"multipart/form-data\""), "upload form");
        assert!(page.body.contains(&format!("/candidates/{id}/attachments/{}/delete", a.id)), "delete button");

        // Deleting: gone, and both steps are in the history.
        let delete = Request::post(format!("/candidates/{id}/attachments/{}/delete", a.id))
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .expect("req");
        let answer = send_raw(&app, delete).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(notice(&app, &cookie).await, Some(AttachmentNotice::Deleted { file_name: stored_name.into() }));
        assert_eq!(stored(&db).await, 0);
        let history = app::candidates::service::history(&db, Some(&w.reporter), id).await.expect("history");
        let fields: Vec<(&str, Option<&str>, Option<&str>)> = history
            .iter()
            .map(|e| (e.field.as_str(), e.old_value.as_deref(), e.new_value.as_deref()))
            .filter(|(f, ..)| f.starts_with("attachment"))
            .collect();
        assert_eq!(
            fields,
            vec![("attachment_deleted", Some(stored_name), None), ("attachment_added", None, Some(stored_name))]
        );

        // The page the upload leads back to says so, once (the page takes it out of the session).
        let second = upload(&app, id, &cookie, "second.pdf", &pdf(100), "municipality").await;
        assert_eq!(second.status, StatusCode::SEE_OTHER);
        let back = send(&app, get(&format!("/candidates/{id}"), Some(&cookie))).await;
        assert!(back.body.contains("“second.pdf” was attached."), "the outcome on the page: {}", back.body);
        assert_eq!(notice(&app, &cookie).await, None, "taken by the page");
    })
    .await;
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_and_nothing_stored() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router_with(&db, |name| (name == "AUTOPORT_ATTACHMENT_MAX_MB").then(|| "1".to_owned()));
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let cookie = sign_in(&app, "reporter@home.test").await;
        // Just over: read up to the limit, then dropped.
        let answer = upload(&app, id, &cookie, "big.pdf", &pdf(MB + 1), "shared").await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(refused_field(notice(&app, &cookie).await, "file"), Some(Invalid::FileTooLarge { max_mb: 1 }));
        // Far over: refused by its declared length, before the body is read.
        let answer = upload(&app, id, &cookie, "huge.pdf", &pdf(3 * MB), "shared").await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(refused_field(notice(&app, &cookie).await, "file"), Some(Invalid::FileTooLarge { max_mb: 1 }));
        assert_eq!(stored(&db).await, 0);
        // Exactly at the limit is fine; the rest of the site keeps its own 8 MiB limit.
        let answer = upload(&app, id, &cookie, "fits.pdf", &pdf(MB), "shared").await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert!(matches!(notice(&app, &cookie).await, Some(AttachmentNotice::Added { .. })));
        assert_eq!(stored(&db).await, 1);
        // The page names the limit in the reader's language.
        let page = send(&app, get(&format!("/candidates/{id}"), Some(&cookie))).await;
        assert!(page.body.contains("at most 1 MB"), "the hint names the limit");
    })
    .await;
}

/// The upload has its own limit (10 MB unless configured), above the 8 MiB of every other body.
#[tokio::test]
async fn an_upload_may_be_larger_than_the_rest_of_the_site_allows() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let cookie = sign_in(&app, "reporter@home.test").await;
        let answer = upload(&app, id, &cookie, "scan.pdf", &pdf(9 * MB), "shared").await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert!(matches!(notice(&app, &cookie).await, Some(AttachmentNotice::Added { .. })));
        assert_eq!(stored(&db).await, 1);
    })
    .await;
}

#[tokio::test]
async fn only_allowed_kinds_under_their_own_extension_are_taken() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let cookie = sign_in(&app, "reporter@home.test").await;
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        let cases: [(&str, Vec<u8>, &str, &str, Invalid); 6] = [
            ("setup.exe", b"MZ\x90\x00\x03\x00".to_vec(), "shared", "file", Invalid::FileType),
            ("invoice.pdf", png.clone(), "shared", "file", Invalid::FileTypeMismatch),
            (
                "page.html",
                b"<html><script>alert(1)</script></html>".to_vec(),
                "shared",
                "file",
                Invalid::FileTypeMismatch,
            ),
            ("binary.txt", b"abc\0def".to_vec(), "shared", "file", Invalid::FileType),
            ("empty.pdf", Vec::new(), "shared", "file", Invalid::Required),
            ("chart.png", png.clone(), "everyone", "visibility", Invalid::UnknownChoice),
        ];
        for (name, data, visibility, field, problem) in cases {
            let answer = upload(&app, id, &cookie, name, &data, visibility).await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER, "{name}");
            assert_eq!(refused_field(notice(&app, &cookie).await, field), Some(problem), "{name}");
        }
        assert_eq!(stored(&db).await, 0);
        // The same picture under its own name is taken, with the type from its content.
        let answer = upload(&app, id, &cookie, "chart.PNG", &png, "shared").await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert!(matches!(notice(&app, &cookie).await, Some(AttachmentNotice::Added { .. })));
        let view = attachments::view(&db, Some(&w.reporter), id, 10 * MB as u64).await.expect("view");
        assert_eq!(view.items[0].content_type, "image/png");
    })
    .await;
}

/// What `who` sees of a candidate's attachments: the ids listed, or the error.
async fn seen(db: &Db, who: Option<&Actor>, candidate: i64) -> Result<Vec<i64>, AppError> {
    attachments::view(db, who, candidate, 10 * MB as u64).await.map(|v| v.items.into_iter().map(|a| a.id).collect())
}

#[tokio::test]
async fn who_sees_which_attachment() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let World { reporter, colleague, coordinator, other_reporter, .. } = &w;
        use AppError::{NotFound as N, Unauthenticated as U};
        // Per candidate visibility (private, municipality, consortium, public): what each reader
        // sees, as (own-only attachment, shared attachment) or the error of the whole list.
        type Seen = Result<(bool, bool), AppError>;
        let both: Seen = Ok((true, true));
        let shared: Seen = Ok((false, true));
        let cases: [(&str, Option<&Actor>, [Seen; 4]); 5] = [
            ("the reporter", Some(reporter), [both.clone(), both.clone(), both.clone(), both.clone()]),
            ("the coordinator", Some(coordinator), [both.clone(), both.clone(), both.clone(), both.clone()]),
            ("a colleague", Some(colleague), [Err(N), both.clone(), both.clone(), both.clone()]),
            ("another municipality", Some(other_reporter), [Err(N), Err(N), shared.clone(), shared.clone()]),
            ("a visitor", None, [Err(N), Err(N), Err(N), shared.clone()]),
        ];
        for (i, visibility) in Visibility::ALL.iter().enumerate() {
            let id = report(&db, reporter, &format!("{visibility:?} candidate"), *visibility).await;
            let own = attach(&db, reporter, id, "internal.pdf", AttachmentVisibility::Municipality).await;
            let open = attach(&db, reporter, id, "shared.pdf", AttachmentVisibility::Shared).await;
            for (who, actor, expected) in &cases {
                let want = expected[i].clone().map(|(o, s)| {
                    [(o, own), (s, open)].into_iter().filter(|(yes, _)| *yes).map(|(_, id)| id).collect::<Vec<_>>()
                });
                assert_eq!(seen(&db, *actor, id).await, want, "{who} listing on a {visibility:?} candidate");
                // Downloads answer the same: what is not listed does not exist (or asks to sign in).
                for (attachment, listed) in
                    [(own, expected[i].clone().map(|s| s.0)), (open, expected[i].clone().map(|s| s.1))]
                {
                    let got = attachments::download(&db, *actor, id, attachment).await.map(|f| f.data.len());
                    let want = match listed {
                        Ok(true) => Ok(100),
                        Ok(false) => Err(N),
                        // A download link asks a visitor to sign in.
                        Err(_) if actor.is_none() => Err(U),
                        Err(e) => Err(e),
                    };
                    assert_eq!(got, want, "{who} downloading {attachment} of a {visibility:?} candidate");
                }
            }
            // Other municipalities never see the uploader's name.
            if let Ok(view) = attachments::view(&db, Some(other_reporter), id, MB as u64).await {
                assert!(view.items.iter().all(|a| a.uploaded_by == PersonRef::Withheld));
                assert!(!view.may_attach);
            }
        }

        // Over HTTP: another municipality's reader gets 404 for the own-only file of a shared
        // candidate, and its page never names it; a visitor of a public one the same.
        let app = router(&db);
        let id = report(&db, reporter, "Shared with all", Visibility::Public).await;
        let own = attach(&db, reporter, id, "salaries-internal.pdf", AttachmentVisibility::Municipality).await;
        let open = attach(&db, reporter, id, "process-map.pdf", AttachmentVisibility::Shared).await;
        let other = sign_in(&app, "reporter@other.test").await;
        for cookie in [Some(other.as_str()), None] {
            let hidden = send_raw(&app, get(&format!("/candidates/{id}/attachments/{own}"), cookie)).await;
            assert_eq!(hidden.status, StatusCode::NOT_FOUND);
            let fine = send_raw(&app, get(&format!("/candidates/{id}/attachments/{open}"), cookie)).await;
            assert_eq!(fine.status, StatusCode::OK);
            let page = send(&app, get(&format!("/candidates/{id}"), cookie)).await;
            assert!(page.body.contains("process-map.pdf") && !page.body.contains("salaries-internal"));
            assert!(!page.body.contains("multipart/form-data"), "no upload form outside the municipality");
        }
        // A visitor asking for a file of a candidate they cannot see is asked to sign in.
        let closed = report(&db, reporter, "Ours", Visibility::Municipality).await;
        let file = attach(&db, reporter, closed, "ours.pdf", AttachmentVisibility::Shared).await;
        let answer = send_raw(&app, get(&format!("/candidates/{closed}/attachments/{file}"), None)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert!(answer.header(header::LOCATION).starts_with("/login?next="));
    })
    .await;
}

#[tokio::test]
async fn the_uploader_and_the_editors_may_delete() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Shared", Visibility::Consortium).await;
        let mut files = Vec::new();
        for n in 0..4 {
            files.push(attach(&db, &w.colleague, id, &format!("file-{n}.pdf"), AttachmentVisibility::Shared).await);
        }
        let refused = [
            ("a consortium coordinator of the municipality", &w.consortium_coordinator, AppError::Forbidden),
            ("another municipality", &w.other_coordinator, AppError::Forbidden),
        ];
        for (who, actor, error) in refused {
            assert_eq!(attachments::delete(&db, Some(actor), id, files[0]).await, Err(error), "{who}");
        }
        assert_eq!(attachments::delete(&db, None, id, files[0]).await, Err(AppError::Unauthenticated));
        assert_eq!(attachments::delete(&db, Some(&w.colleague), id, files[0]).await.as_deref(), Ok("file-0.pdf"));
        assert_eq!(attachments::delete(&db, Some(&w.reporter), id, files[1]).await.as_deref(), Ok("file-1.pdf"));
        assert_eq!(attachments::delete(&db, Some(&w.coordinator), id, files[2]).await.as_deref(), Ok("file-2.pdf"));
        assert_eq!(attachments::delete(&db, Some(&w.coordinator), id, files[2]).await, Err(AppError::NotFound));
        assert_eq!(stored(&db).await, 1);
        // Through the page's route: refused, nothing deleted, the reason waits on the page.
        let app = router(&db);
        let cookie = sign_in(&app, "group@home.test").await;
        let post = Request::post(format!("/candidates/{id}/attachments/{}/delete", files[3]))
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .expect("req");
        assert_eq!(send_raw(&app, post).await.status, StatusCode::SEE_OTHER);
        assert_eq!(notice(&app, &cookie).await, Some(AttachmentNotice::Refused(AppError::Forbidden)));
        assert_eq!(stored(&db).await, 1);
    })
    .await;
}

#[tokio::test]
async fn forged_cross_site_posts_are_refused() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let kept = attach(&db, &w.reporter, id, "kept.pdf", AttachmentVisibility::Shared).await;
        let cookie = sign_in(&app, "reporter@home.test").await;
        let body = multipart("forged.pdf", &pdf(200), "shared");
        let forged = upload_request(id, &cookie, body.clone())
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::from(body.clone()))
            .expect("req");
        assert_eq!(send_raw(&app, forged).await.status, StatusCode::FORBIDDEN);
        let fetch = upload_request(id, &cookie, body.clone())
            .header("sec-fetch-site", "cross-site")
            .body(Body::from(body))
            .expect("req");
        assert_eq!(send_raw(&app, fetch).await.status, StatusCode::FORBIDDEN);
        let delete = Request::post(format!("/candidates/{id}/attachments/{kept}/delete"))
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, &cookie)
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::empty())
            .expect("req");
        assert_eq!(send_raw(&app, delete).await.status, StatusCode::FORBIDDEN);
        assert_eq!(stored(&db).await, 1, "only the one attached before");
        // Not signed in: to the sign-in, nothing stored.
        let body = multipart("anon.pdf", &pdf(200), "shared");
        let anonymous = Request::post(format!("/candidates/{id}/attachments"))
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(Body::from(body))
            .expect("req");
        let answer = send_raw(&app, anonymous).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert!(answer.header(header::LOCATION).starts_with("/login?next="));
        assert_eq!(stored(&db).await, 1);
    })
    .await;
}

#[tokio::test]
async fn erasing_the_uploader_keeps_the_file_without_the_name() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        attach(&db, &w.colleague, id, "notes.pdf", AttachmentVisibility::Municipality).await;
        app::admin::service::erase_user(&db, Some(&w.municipality_admin), w.colleague.user_id).await.expect("erased");
        let view = attachments::view(&db, Some(&w.reporter), id, MB as u64).await.expect("view");
        assert_eq!(view.items.len(), 1);
        assert_eq!(view.items[0].uploaded_by, PersonRef::FormerEmployee);
    })
    .await;
}

#[tokio::test]
async fn the_api_lists_and_serves_what_the_owner_may_see() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let app = router(&db);
        let id = report(&db, &w.reporter, "Shared", Visibility::Consortium).await;
        let own = attach(&db, &w.reporter, id, "internal.pdf", AttachmentVisibility::Municipality).await;
        let open = attach(&db, &w.reporter, id, "shared.pdf", AttachmentVisibility::Shared).await;
        let theirs = token(&db, &w.other_reporter, "read").await;
        let list = with_bearer(Request::get(format!("/api/v1/candidates/{id}/attachments")), &theirs.token)
            .body(Body::empty())
            .expect("req");
        let answer = send(&app, list).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let json: serde_json::Value = serde_json::from_str(&answer.body).expect("json");
        let items = json["attachments"].as_array().expect("list");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["id"], open);
        assert_eq!(items[0]["visibility"], "shared");
        assert_eq!(items[0]["uploaded_by"], serde_json::json!({"kind": "withheld"}));
        for (attachment, status) in [(own, StatusCode::NOT_FOUND), (open, StatusCode::OK)] {
            let file =
                with_bearer(Request::get(format!("/api/v1/candidates/{id}/attachments/{attachment}")), &theirs.token)
                    .body(Body::empty())
                    .expect("req");
            let answer = send_raw(&app, file).await;
            assert_eq!(answer.status, status);
            if status == StatusCode::OK {
                assert_eq!(answer.header(header::CONTENT_TYPE), "application/pdf");
                assert_eq!(answer.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
                assert!(answer.header(header::CONTENT_DISPOSITION).starts_with("attachment;"));
            }
        }
    })
    .await;
}
