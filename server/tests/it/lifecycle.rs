//! Lifecycle, comments, following, notifications and history on both databases: who may do
//! what, what is recorded, and that refused requests change nothing.

use crate::support::{each_backend, report, world, World};
use app::admin::store::{apply, Op};
use app::candidates::model::{CommentForm, NotificationKind, Phase, Status, TransitionForm, Visibility};
use app::candidates::service;
use app::common::error::{AppError, Invalid};
use app::db::Db;
use app::identity::model::PersonRef;
use app::with_pool;

fn to(id: i64, phase: Phase, status: Status, reason: &str) -> TransitionForm {
    TransitionForm {
        candidate_id: id,
        phase: phase.as_str().into(),
        status: status.as_str().into(),
        reason: reason.into(),
        duplicate_of: String::new(),
    }
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).expect("count")
}

async fn audit_rows(db: &Db) -> i64 {
    count(db, "SELECT COUNT(*) FROM audit_events").await
}

#[tokio::test]
async fn coordinators_move_candidates_with_reasons_and_everything_is_recorded() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let fresh = service::get(&db, Some(&w.coordinator), id).await.expect("visible");
        assert_eq!(fresh.phases.len(), 1, "reported into its first phase");
        assert_eq!(fresh.phases[0].phase, Phase::Idea);
        assert!(fresh.viewer.may_move && fresh.viewer.may_see_history);
        assert_eq!(fresh.followers, 1, "the reporter follows what they reported");

        service::transition(&db, Some(&w.coordinator), &to(id, Phase::Assessment, Status::Active, ""))
            .await
            .expect("the next phase needs no reason");
        let err = service::transition(&db, Some(&w.coordinator), &to(id, Phase::Assessment, Status::OnHold, " "))
            .await
            .expect_err("on hold needs a reason");
        assert_eq!(err.field("reason"), Some(Invalid::Required));
        service::transition(&db, Some(&w.coordinator), &to(id, Phase::Assessment, Status::OnHold, "Waiting for IT"))
            .await
            .expect("with a reason");

        let c = service::get(&db, Some(&w.reporter), id).await.expect("visible");
        assert_eq!((c.phase, c.status), (Phase::Assessment, Status::OnHold));
        assert_eq!(c.status_reason.as_deref(), Some("Waiting for IT"));
        assert_eq!(c.phases.iter().map(|p| p.phase).collect::<Vec<_>>(), vec![Phase::Idea, Phase::Assessment]);
        assert!(c.phases[0].left_on.is_some() && c.phases[1].left_on.is_none());
        assert!(!c.viewer.may_move, "reporters do not triage");

        let history = service::history(&db, Some(&w.reporter), id).await.expect("own municipality");
        let fields: Vec<(&str, Option<&str>, Option<&str>)> =
            history.iter().map(|e| (e.field.as_str(), e.old_value.as_deref(), e.new_value.as_deref())).collect();
        assert_eq!(
            fields,
            vec![
                ("status_reason", None, Some("Waiting for IT")),
                ("status", Some("active"), Some("on_hold")),
                ("phase", Some("idea"), Some("assessment")),
                ("created", None, Some("Travel claims")),
            ],
            "newest first"
        );
        assert_eq!(history[0].actor, PersonRef::Named("coordinator".into()));

        // Back to active: the reason goes with the status; the history keeps it.
        service::transition(&db, Some(&w.coordinator), &to(id, Phase::Assessment, Status::Active, ""))
            .await
            .expect("resume");
        let c = service::get(&db, Some(&w.reporter), id).await.expect("visible");
        assert_eq!(c.status_reason, None);

        // The reporter (a follower) heard about each move; the mover did not notify themselves.
        let heard = service::notifications(&db, Some(&w.reporter)).await.expect("notifications");
        assert_eq!(
            heard.iter().map(|n| (n.kind, n.detail.as_deref())).collect::<Vec<_>>(),
            vec![
                (NotificationKind::Status, Some("active")),
                (NotificationKind::Status, Some("on_hold")),
                (NotificationKind::Phase, Some("assessment")),
            ]
        );
        assert_eq!(service::unread(&db, Some(&w.reporter)).await, Ok(Some(3)));
        assert_eq!(service::unread(&db, Some(&w.coordinator)).await, Ok(Some(0)));
        assert_eq!(service::unread(&db, None).await, Ok(None));
        service::mark_read(&db, Some(&w.reporter), heard[1].id).await.expect("read up to the second");
        assert_eq!(service::unread(&db, Some(&w.reporter)).await, Ok(Some(1)), "the newest stays unread");
    })
    .await;
}

#[tokio::test]
async fn refused_moves_change_nothing() {
    each_backend(|db| async move {
        let w: World = world(&db).await;
        let id = report(&db, &w.reporter, "Payroll", Visibility::Consortium).await;
        let before = audit_rows(&db).await;
        let next = to(id, Phase::Assessment, Status::Active, "");
        // Who may not move it: the reporter, a colleague, visitors, another municipality's
        // coordinator (who can read the shared candidate), the consortium group.
        assert_eq!(service::transition(&db, Some(&w.reporter), &next).await, Err(AppError::Forbidden));
        assert_eq!(service::transition(&db, Some(&w.colleague), &next).await, Err(AppError::Forbidden));
        assert_eq!(service::transition(&db, None, &next).await, Err(AppError::Unauthenticated));
        assert_eq!(service::transition(&db, Some(&w.other_coordinator), &next).await, Err(AppError::Forbidden));
        assert_eq!(service::transition(&db, Some(&w.consortium_coordinator), &next).await, Err(AppError::Forbidden));
        // A private candidate of another municipality does not exist for its coordinator.
        let private = report(&db, &w.reporter, "Private", Visibility::Private).await;
        let before = before + 1;
        assert_eq!(
            service::transition(&db, Some(&w.other_coordinator), &to(private, Phase::Assessment, Status::Active, ""))
                .await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            service::transition(&db, Some(&w.coordinator), &to(9_999_999, Phase::Assessment, Status::Active, "")).await,
            Err(AppError::NotFound)
        );
        // Bad input: unknown names, nothing to change, a duplicate of something unseen.
        let mut bad = next.clone();
        bad.phase = "done".into();
        assert_eq!(
            service::transition(&db, Some(&w.coordinator), &bad).await.map_err(|e| e.field("phase")),
            Err(Some(Invalid::UnknownChoice))
        );
        let same = to(id, Phase::Idea, Status::Active, "no");
        assert_eq!(
            service::transition(&db, Some(&w.coordinator), &same).await.map_err(|e| e.field("status")),
            Err(Some(Invalid::NoChange))
        );
        let other_private = report(&db, &w.other_reporter, "Their private one", Visibility::Private).await;
        let before = before + 1;
        let mut duplicate = to(id, Phase::Idea, Status::Duplicate, "Same process");
        duplicate.duplicate_of = other_private.to_string();
        assert_eq!(
            service::transition(&db, Some(&w.coordinator), &duplicate).await.map_err(|e| e.field("duplicate_of")),
            Err(Some(Invalid::UnknownChoice)),
            "a candidate the mover cannot see is an unknown number"
        );
        assert_eq!(audit_rows(&db).await, before, "nothing recorded");
        let c = service::get(&db, Some(&w.reporter), id).await.expect("visible");
        assert_eq!((c.phase, c.status, c.phases.len()), (Phase::Idea, Status::Active, 1));
        assert_eq!(count(&db, "SELECT COUNT(*) FROM notifications").await, 0);

        // A duplicate of a visible candidate links to it.
        duplicate.duplicate_of = format!("#{private}");
        service::transition(&db, Some(&w.coordinator), &duplicate).await.expect("duplicate of a visible one");
        assert_eq!(service::get(&db, Some(&w.reporter), id).await.expect("visible").duplicate_of, Some(private));
    })
    .await;
}

#[tokio::test]
async fn audit_events_are_append_only() {
    each_backend(|db| async move {
        let w = world(&db).await;
        report(&db, &w.reporter, "Travel claims", Visibility::Municipality).await;
        let update = with_pool!(&db, pool => sqlx::query("UPDATE audit_events SET new_value = 'forged'").execute(pool).await.map(|_| ()));
        assert!(update.is_err(), "updates are refused by the database");
        let delete = with_pool!(&db, pool => sqlx::query("DELETE FROM audit_events").execute(pool).await.map(|_| ()));
        assert!(delete.is_err(), "deletes are refused by the database");
        assert_eq!(audit_rows(&db).await, 1);
    })
    .await;
}

#[tokio::test]
async fn readers_comment_and_follow_and_names_stay_home() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let shared = report(&db, &w.reporter, "Shared", Visibility::Consortium).await;
        let comment = |body: &str| CommentForm { candidate_id: shared, body: body.into() };

        // Another municipality's reporter may read, so may comment (and then follows).
        service::comment(&db, Some(&w.other_reporter), &comment("We have this too.")).await.expect("comment");
        service::comment(&db, Some(&w.colleague), &comment("  Same here  ")).await.expect("comment");
        let seen_home = service::get(&db, Some(&w.reporter), shared).await.expect("visible");
        assert_eq!(seen_home.followers, 3);
        let authors: Vec<(PersonRef, &str, &str)> =
            seen_home.comments.iter().map(|c| (c.author.clone(), c.municipality.as_str(), c.body.as_str())).collect();
        assert_eq!(
            authors,
            vec![
                (PersonRef::Withheld, "Other Kommune", "We have this too."),
                (PersonRef::Named("colleague".into()), "Home Kommune", "Same here"),
            ],
            "names of other municipalities' people are withheld"
        );
        let seen_there = service::get(&db, Some(&w.other_reporter), shared).await.expect("visible");
        assert_eq!(seen_there.comments[0].author, PersonRef::Named("reporter".into()));
        assert_eq!(seen_there.comments[1].author, PersonRef::Withheld);
        assert!(seen_there.viewer.following && !seen_there.viewer.may_see_history);
        assert_eq!(service::history(&db, Some(&w.other_reporter), shared).await, Err(AppError::Forbidden));

        // Followers but the author heard about each comment.
        let reporter_heard = service::notifications(&db, Some(&w.reporter)).await.expect("list");
        assert_eq!(reporter_heard.len(), 2);
        assert_eq!(reporter_heard[0].detail.as_deref(), Some("Same here"));
        assert_eq!(reporter_heard[1].actor, PersonRef::Withheld);
        assert_eq!(service::notifications(&db, Some(&w.other_reporter)).await.expect("list").len(), 1);

        // Bad comments and outsiders change nothing.
        let before = count(&db, "SELECT COUNT(*) FROM comments").await;
        let err = service::comment(&db, Some(&w.colleague), &comment("   ")).await.expect_err("empty");
        assert_eq!(err.field("body"), Some(Invalid::Required));
        let long = "x".repeat(4_001);
        let err = service::comment(&db, Some(&w.colleague), &comment(&long)).await.expect_err("long");
        assert_eq!(err.field("body"), Some(Invalid::TooLong { max: 4_000 }));
        assert_eq!(service::comment(&db, None, &comment("hi")).await, Err(AppError::Unauthenticated));
        let private = report(&db, &w.reporter, "Private", Visibility::Private).await;
        let outsider = CommentForm { candidate_id: private, body: "peek".into() };
        assert_eq!(service::comment(&db, Some(&w.colleague), &outsider).await, Err(AppError::NotFound));
        assert_eq!(service::follow(&db, Some(&w.other_reporter), private, true).await, Err(AppError::NotFound));
        assert_eq!(count(&db, "SELECT COUNT(*) FROM comments").await, before);

        // Unfollowing stops the notifications; following twice is one follow.
        service::follow(&db, Some(&w.other_reporter), shared, false).await.expect("unfollow");
        service::follow(&db, Some(&w.colleague), shared, true).await.expect("already following");
        service::comment(&db, Some(&w.reporter), &comment("Thanks")).await.expect("comment");
        assert_eq!(service::notifications(&db, Some(&w.other_reporter)).await.expect("list").len(), 1);
        assert_eq!(service::get(&db, Some(&w.reporter), shared).await.expect("visible").followers, 2);
    })
    .await;
}

#[tokio::test]
async fn notifications_follow_visibility_and_erasure() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let id = report(&db, &w.reporter, "Shared for now", Visibility::Consortium).await;
        service::follow(&db, Some(&w.other_reporter), id, true).await.expect("follow");
        service::transition(&db, Some(&w.coordinator), &to(id, Phase::Assessment, Status::Active, ""))
            .await
            .expect("move");
        assert_eq!(service::notifications(&db, Some(&w.other_reporter)).await.expect("list").len(), 1);
        // Made private: the other municipality no longer hears of it, even what it heard before.
        with_pool!(&db, pool => sqlx::query("UPDATE candidates SET visibility = 'private' WHERE id = $1")
            .bind(id).execute(pool).await.map(|_| ())).expect("private");
        assert!(service::notifications(&db, Some(&w.other_reporter)).await.expect("list").is_empty());
        assert_eq!(service::unread(&db, Some(&w.other_reporter)).await, Ok(Some(0)));

        // An erased coordinator's moves show as a former employee; the erased follow nothing.
        apply(&db, w.home, &[Op::EraseUser { id: w.coordinator.user_id }]).await.expect("erase");
        let history = service::history(&db, Some(&w.reporter), id).await.expect("history");
        assert_eq!(history[0].actor, PersonRef::FormerEmployee);
        apply(&db, w.home, &[Op::EraseUser { id: w.reporter.user_id }]).await.expect("erase");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM follows WHERE user_id IN (SELECT id FROM users WHERE erased_at IS NOT NULL)").await, 0);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM notifications WHERE user_id IN (SELECT id FROM users WHERE erased_at IS NOT NULL)").await, 0);
    })
    .await;
}

/// Through the server functions as a browser sends them: a forged move of another
/// municipality's candidate is 404 and changes nothing; a reporter's is 403; without
/// JavaScript a refused move comes back to the page with its field message.
#[tokio::test]
async fn moves_over_http_are_checked_like_the_service() {
    use crate::client::{encode, get, post_form, router, send};
    use crate::http::sign_in;
    use axum::body::Body;
    use axum::http::{header, StatusCode};
    each_backend(|db| async move {
        let w = world(&db).await;
        let theirs = report(&db, &w.other_reporter, "Theirs", Visibility::Municipality).await;
        let ours = report(&db, &w.reporter, "Ours", Visibility::Municipality).await;
        let app = router(&db);
        let move_body = |id: i64, reason: &str| {
            encode(&[
                ("form[candidate_id]", &id.to_string()),
                ("form[phase]", "assessment"),
                ("form[status]", "on_hold"),
                ("form[reason]", reason),
                ("form[duplicate_of]", ""),
            ])
        };
        let coordinator = sign_in(&app, "coordinator@home.test").await;
        let forged = post_form("/fn/candidates/transition", Some(&coordinator))
            .body(Body::from(move_body(theirs, "mine now")))
            .expect("req");
        assert_eq!(send(&app, forged).await.status, StatusCode::NOT_FOUND);
        let reporter = sign_in(&app, "reporter@home.test").await;
        let by_reporter = post_form("/fn/candidates/transition", Some(&reporter))
            .body(Body::from(move_body(ours, "x")))
            .expect("req");
        assert_eq!(send(&app, by_reporter).await.status, StatusCode::FORBIDDEN);
        assert_eq!(audit_rows(&db).await, 2, "only the two reports are recorded");

        let page = format!("http://127.0.0.1:3000/candidates/{ours}");
        let no_js = post_form("/fn/candidates/transition", Some(&coordinator))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, &page)
            .body(Body::from(move_body(ours, "")))
            .expect("req");
        let answer = send(&app, no_js).await;
        assert!(answer.status.is_redirection(), "{}", answer.status);
        let location = answer.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let shown = send(&app, get(location.trim_start_matches("http://127.0.0.1:3000"), Some(&coordinator))).await;
        assert!(shown.body.contains("Please fill this in."), "the reason's message on the page");
        assert!(shown.body.contains("aria-invalid=\"true\""));

        let moved = post_form("/fn/candidates/transition", Some(&coordinator))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, &page)
            .body(Body::from(move_body(ours, "Waiting for IT")))
            .expect("req");
        let answer = send(&app, moved).await;
        assert_eq!(
            answer.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()),
            Some(format!("/candidates/{ours}").as_str())
        );
        let shown = send(&app, get(&format!("/candidates/{ours}"), Some(&reporter))).await;
        assert!(shown.body.contains("Waiting for IT"));
        let history = send(&app, get(&format!("/candidates/{ours}/history"), Some(&reporter))).await;
        assert_eq!(history.status, StatusCode::OK);
        assert!(history.body.contains("Waiting for IT") && history.body.contains("coordinator"));
        let outsider = sign_in(&app, "reporter@other.test").await;
        let refused = send(&app, get(&format!("/candidates/{ours}/history"), Some(&outsider))).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "another municipality's candidate does not exist for them");
    })
    .await;
}
