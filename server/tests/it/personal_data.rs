//! The personal data download (GDPR art. 15) holds a row of every table that refers to the
//! person, and nothing about anyone else. The tables are read from the database itself, so a new
//! table referring to users fails here until the download covers it or it is excluded below.

use crate::client::{get, router, send};
use crate::http::sign_in;
use crate::support::{each_backend, report, world};
use app::candidates::model::Visibility;
use app::db::Db;
use app::with_pool;
use axum::http::StatusCode;
use std::collections::BTreeSet;
use time::OffsetDateTime;

/// (table, column referring to the person, key of the download holding those rows).
const COVERED: &[(&str, &str, &str)] = &[
    ("user_roles", "user_id", "roles"),
    ("candidates", "reporter_id", "reported_candidates"),
    ("candidates", "owner_id", "owned_candidates"),
    ("coordinator_departments", "user_id", "coordinator_departments"),
    ("comments", "author_id", "comments"),
    ("follows", "user_id", "follows"),
    ("notifications", "user_id", "notifications"),
    ("api_tokens", "user_id", "api_tokens"),
    ("audit_events", "actor_id", "history"),
    ("candidate_attachments", "uploaded_by", "attachments"),
    ("candidate_imports", "user_id", "imports"),
    ("scoring_models", "published_by", "scoring_models_published"),
    ("scoring_draft", "updated_by", "scoring_draft_saved_at"),
    ("assessments", "assessed_by", "assessments"),
    ("backlog_overrides", "set_by", "backlog_overrides"),
    ("decisions", "recorded_by", "decisions"),
];

/// Columns referring to a person that the download leaves out, each with the reason.
const EXCLUDED: &[(&str, &str)] = &[
    // Who caused a notification in someone else's inbox: the row is the recipient's data; what
    // the person did that caused it is in their own comments and history.
    ("notifications", "actor_id"),
];
// The session store's records name the person inside an opaque value, not in a column; the
// download lists them under "sessions", which the test checks below.

/// (table, column)
type Column = (String, String);

/// Every (table, column) that refers to users: foreign keys, and columns named `*_by` or
/// `user_id` that have none.
async fn columns_referring_to_users(db: &Db) -> BTreeSet<(String, String)> {
    let (keys, named): (Vec<Column>, Vec<Column>) = match db {
        Db::Sqlite(pool) => (
            sqlx::query_as(
                "SELECT m.name, p.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) p \
                 WHERE m.type = 'table' AND p.\"table\" = 'users'",
            )
            .fetch_all(pool)
            .await
            .expect("foreign keys"),
            sqlx::query_as(
                "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND (p.name LIKE '%\\_by' ESCAPE '\\' OR p.name = 'user_id')",
            )
            .fetch_all(pool)
            .await
            .expect("named columns"),
        ),
        Db::Postgres(pool) => (
            sqlx::query_as(
                "SELECT kcu.table_name::TEXT, kcu.column_name::TEXT \
                 FROM information_schema.table_constraints tc \
                 JOIN information_schema.key_column_usage kcu \
                   ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema \
                 JOIN information_schema.constraint_column_usage ccu \
                   ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema \
                 WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'users' \
                   AND tc.table_schema = current_schema()",
            )
            .fetch_all(pool)
            .await
            .expect("foreign keys"),
            sqlx::query_as(
                "SELECT table_name::TEXT, column_name::TEXT FROM information_schema.columns \
                 WHERE table_schema = current_schema() \
                   AND (column_name LIKE '%\\_by' OR column_name = 'user_id')",
            )
            .fetch_all(pool)
            .await
            .expect("named columns"),
        ),
    };
    keys.into_iter().chain(named).collect()
}

#[tokio::test]
async fn the_download_holds_every_table_about_the_person_and_nobody_else() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let me = w.reporter.user_id;
        let now = OffsetDateTime::now_utc();

        // Every table referring to users is covered or excluded, with nothing stale listed.
        let found = columns_referring_to_users(&db).await;
        assert!(found.contains(&("comments".into(), "author_id".into())), "the walk finds keys: {found:?}");
        let listed: BTreeSet<(String, String)> = COVERED
            .iter()
            .map(|(t, c, _)| (t.to_string(), c.to_string()))
            .chain(EXCLUDED.iter().map(|(t, c)| (t.to_string(), c.to_string())))
            .collect();
        let missing: Vec<_> = found.difference(&listed).collect();
        assert!(missing.is_empty(), "not in the download nor excluded: {missing:?}");
        let stale: Vec<_> = listed.difference(&found).collect();
        assert!(stale.is_empty(), "listed but not in the schema: {stale:?}");

        // One row of each for the person; the colleague writes on the same candidate.
        let app = router(&db);
        let cookie = sign_in(&app, "reporter@home.test").await;
        // The person signed in on a second device; the colleague is signed in too.
        let _elsewhere = sign_in(&app, "reporter@home.test").await;
        let _colleague = sign_in(&app, "colleague@home.test").await;
        let candidate = report(&db, &w.reporter, "About me", Visibility::Municipality).await;
        let colleague = w.colleague.user_id;
        with_pool!(&db, pool => {
            sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
                .bind("Colleague Privatename").bind(colleague).execute(pool).await.expect("name");
            sqlx::query("UPDATE users SET oidc_issuer = $1, oidc_subject = $2, language = 'da' WHERE id = $3")
                .bind("https://idp.home.test").bind("sub-123").bind(me).execute(pool).await.expect("sso");
            sqlx::query("UPDATE candidates SET owner_id = $1 WHERE id = $2")
                .bind(me).bind(candidate).execute(pool).await.expect("owner");
            sqlx::query("INSERT INTO coordinator_departments (user_id, department_id) VALUES ($1, $2)")
                .bind(me).bind(w.home_department).execute(pool).await.expect("department");
            for (author, body) in [(me, "My own remark"), (colleague, "Colleague's secret remark")] {
                sqlx::query("INSERT INTO comments (candidate_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(candidate).bind(author).bind(body).bind(now).execute(pool).await.expect("comment");
            }
            sqlx::query("INSERT INTO notifications (user_id, candidate_id, kind, actor_id, detail, created_at) \
                 VALUES ($1, $2, 'comment', $3, 'Colleague Privatename', $4)")
                .bind(me).bind(candidate).bind(colleague).bind(now).execute(pool).await.expect("notification");
            sqlx::query("INSERT INTO api_tokens (user_id, name, token_hash, prefix, scope, created_at, last_used_at) \
                 VALUES ($1, 'My script', $2, 'apt_abcdef', 'read', $3, $3)")
                .bind(me).bind("f".repeat(64)).bind(now).execute(pool).await.expect("token");
            sqlx::query("INSERT INTO candidate_attachments \
                 (candidate_id, uploaded_by, file_name, content_type, size_bytes, sha256, visibility, data, created_at) \
                 VALUES ($1, $2, 'notes.txt', 'text/plain', 3, $3, 'municipality', $4, $5)")
                .bind(candidate).bind(me).bind("a".repeat(64)).bind(b"abc".to_vec()).bind(now)
                .execute(pool).await.expect("attachment");
            sqlx::query("INSERT INTO candidate_imports \
                 (municipality_id, user_id, file_name, csv_text, mapping, state, created_at, updated_at) \
                 VALUES ($1, $2, 'list.csv', 'title\nColleague Privatename', '[]', 'done', $3, $3)")
                .bind(w.home).bind(me).bind(now).execute(pool).await.expect("import");
            sqlx::query("INSERT INTO backlog_overrides (scope, candidate_id, position, reason, set_by, set_at) \
                 VALUES ('municipality', $1, 1, 'Urgent', $2, $3)")
                .bind(candidate).bind(me).bind(now).execute(pool).await.expect("override");
            sqlx::query("INSERT INTO decisions (candidate_id, scope, outcome, rationale, decided_on, recorded_by, recorded_at) \
                 VALUES ($1, 'municipality', 'approve', 'Worth it', $2, $3, $4)")
                .bind(candidate).bind(now.date()).bind(me).bind(now).execute(pool).await.expect("decision");
            // The sign-in throttle's counts for the address, over all clients and from one;
            // the colleague's and the bare client's are not the person's.
            for key in ["address reporter@home.test", "pair 192.0.2.7 reporter@home.test",
                        "address colleague@home.test", "pair 192.0.2.7 colleague@home.test", "client 192.0.2.7"] {
                sqlx::query("INSERT INTO login_throttle (key, attempts, window_start) VALUES ($1, 3, $2) \
                     ON CONFLICT (key) DO UPDATE SET attempts = 3")
                    .bind(key).bind(now).execute(pool).await.expect("attempts");
            }
        });
        // The scoring model: a version published and a draft saved by the person, and an assessment.
        let definition = app::scoring::default_model::definition();
        let version = app::scoring::store::publish(&db, &definition, "mine", me).await.expect("publish");
        app::scoring::store::save_draft(&db, &definition, version, 0, me).await.expect("draft");
        with_pool!(&db, pool => sqlx::query("INSERT INTO assessments (candidate_id, model_version, answers, value_score, \
             feasibility_score, utility, quadrant, knocked_out, cause, note, assessed_by, assessed_at) \
             VALUES ($1, $2, '{}', 50, 50, 50, 'fill_in', $3, 'answers', 'My assessment note', $4, $5)")
            .bind(candidate).bind(version).bind(false).bind(me).bind(now).execute(pool).await.map(|_| ()))
        .expect("assessment");

        let answer = send(&app, get("/me/data.json", Some(&cookie))).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let data: app::identity::model::PersonalData = serde_json::from_str(&answer.body).expect("shape");
        assert_eq!(data.sessions.len(), 2, "the person's two sessions, not the colleague's: {:?}", data.sessions);
        assert_eq!(data.sessions.iter().filter(|s| s.this_session).count(), 1, "{:?}", data.sessions);
        assert!(data.sessions.iter().all(|s| s.signed_in_at.is_some() && !s.expires_at.is_empty()));
        let json: serde_json::Value = serde_json::from_str(&answer.body).expect("json");
        for (table, column, key) in COVERED {
            let part = &json[*key];
            let present = match part {
                serde_json::Value::Array(rows) => !rows.is_empty(),
                serde_json::Value::Null => false,
                _ => true,
            };
            assert!(present, "{table}.{column}: nothing under \"{key}\" in {}", answer.body);
        }
        assert_eq!(data.comments.len(), 1, "only the person's own comments");
        assert_eq!(data.comments[0].body, "My own remark");
        assert_eq!(data.owned_candidates[0].id, candidate);
        assert_eq!(data.coordinator_departments, vec!["Home Borgerservice".to_string()]);
        assert_eq!(data.api_tokens[0].name, "My script");
        assert_eq!(data.assessments[0].note.as_deref(), Some("My assessment note"));
        assert_eq!(data.decisions[0].rationale, "Worth it");
        assert_eq!(data.imports[0].file_name, "list.csv");
        assert_eq!(data.attachments[0].file_name, "notes.txt");
        assert_eq!(data.language.as_deref(), Some("da"));
        assert_eq!(data.sso.as_ref().map(|s| s.issuer.as_str()), Some("https://idp.home.test"));
        for client in [None, Some("192.0.2.7".to_owned())] {
            let counted = data.sign_in_attempts.iter().find(|a| a.client == client);
            assert_eq!(counted.map(|a| a.attempts), Some(3), "{client:?} in {:?}", data.sign_in_attempts);
        }
        assert!(data.history.iter().any(|e| e.candidate_id == candidate));
        assert!(data.follows.iter().any(|f| f.candidate_id == candidate));
        // Nothing about the colleague, and no secret.
        for foreign in ["Colleague Privatename", "colleague@home.test", "secret remark", "ffffffff", "abc\""] {
            assert!(!answer.body.contains(foreign), "{foreign:?} leaked into {}", answer.body);
        }
    })
    .await;
}
