//! Personal API tokens on both databases: create, list and revoke one's own only; the stored
//! form is the hash; resolving refuses revoked, expired and erased; last use is throttled.

use crate::support::{each_backend, world};
use app::common::error::{AppError, Invalid};
use app::db::Db;
use app::identity::tokens::model::{TokenForm, TokenScope, TokenState};
use app::identity::tokens::service::{self, fingerprint, LAST_USED_STEP};
use app::with_pool;
use time::{Duration, OffsetDateTime};

fn form(name: &str, scope: &str, days: &str) -> TokenForm {
    TokenForm { name: name.into(), scope: scope.into(), expires_in_days: days.into() }
}

/// Whole seconds, so that both databases give back exactly what was stored.
fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc().replace_nanosecond(0).expect("valid")
}

async fn count_tokens(db: &Db) -> i64 {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM api_tokens").fetch_one(pool).await)
        .expect("count")
}

#[tokio::test]
async fn people_create_list_and_revoke_their_own_tokens_only() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let t0 = now();
        let read = service::create(&db, Some(&w.reporter), &form("Excel sheet", "read", ""), t0).await.expect("read");
        let write =
            service::create(&db, Some(&w.reporter), &form(" UiPath ", "write", "30"), t0 + Duration::seconds(1))
                .await
                .expect("write");
        assert_eq!((read.scope, read.expires_at), (TokenScope::Read, None));
        assert_eq!((write.name.as_str(), write.scope), ("UiPath", TokenScope::Write));
        assert_eq!(write.expires_at, Some(t0 + Duration::seconds(1) + Duration::days(30)));

        let list = service::list(&db, Some(&w.reporter), t0 + Duration::minutes(5)).await.expect("list");
        let ids: Vec<i64> = list.iter().map(|t| t.id).collect();
        assert_eq!(ids, vec![write.id, read.id], "newest first");
        assert_eq!(list[0].prefix, &write.token[..10]);
        assert!(list[0].prefix.starts_with("apt_") && list[0].prefix.len() == 10);
        assert_eq!((list[0].state, list[0].last_used_at, list[0].revoked_at), (TokenState::Active, None, None));
        assert_eq!(list[0].expires_at, write.expires_at);
        assert_eq!(list[1].created_at, t0);

        // Nobody else sees or revokes them, admins included; the answer is "no such token".
        assert!(service::list(&db, Some(&w.colleague), t0).await.expect("list").is_empty());
        for (who, other) in
            [("colleague", &w.colleague), ("admin", &w.municipality_admin), ("other", &w.other_reporter)]
        {
            assert_eq!(service::revoke(&db, Some(other), read.id, t0).await, Err(AppError::NotFound), "{who}");
        }
        assert_eq!(service::revoke(&db, Some(&w.reporter), 987_654, t0).await, Err(AppError::NotFound));
        assert_eq!(service::revoke(&db, None, read.id, t0).await, Err(AppError::Unauthenticated));
        assert_eq!(service::list(&db, None, t0).await, Err(AppError::Unauthenticated));
        assert!(service::authenticate(&db, &read.token, t0).await.is_ok(), "still works after those attempts");

        let revoked_at = t0 + Duration::minutes(2);
        service::revoke(&db, Some(&w.reporter), read.id, revoked_at).await.expect("revoke");
        // Revoking again is harmless and keeps the first time.
        service::revoke(&db, Some(&w.reporter), read.id, revoked_at + Duration::hours(1)).await.expect("again");
        let list = service::list(&db, Some(&w.reporter), t0 + Duration::minutes(5)).await.expect("list");
        let revoked = list.iter().find(|t| t.id == read.id).expect("listed");
        assert_eq!((revoked.state, revoked.revoked_at), (TokenState::Revoked, Some(revoked_at)));
        let kept = list.iter().find(|t| t.id == write.id).expect("listed");
        assert_eq!(kept.state, TokenState::Active, "only the one token is revoked");
    })
    .await;
}

#[tokio::test]
async fn only_the_hash_is_stored() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let new = service::create(&db, Some(&w.reporter), &form("Script", "read", ""), now()).await.expect("created");
        let (hash, prefix): (String, String) = with_pool!(&db, pool => sqlx::query_as(
            "SELECT token_hash, prefix FROM api_tokens WHERE id = $1").bind(new.id).fetch_one(pool).await)
        .expect("row");
        assert_eq!(hash, fingerprint(&new.token));
        assert_eq!(hash.len(), 64);
        assert!(new.token.starts_with(&prefix) && prefix.len() < new.token.len());
        let anywhere: i64 = with_pool!(&db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1 OR prefix = $1 OR name = $1")
            .bind(&new.token).fetch_one(pool).await)
        .expect("count");
        assert_eq!(anywhere, 0, "the token text is in no column");
    })
    .await;
}

#[tokio::test]
async fn bad_forms_create_nothing() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let err = service::create(&db, Some(&w.reporter), &form("", "admin", "0"), now()).await.expect_err("bad");
        assert_eq!(err.field("name"), Some(Invalid::Required));
        assert_eq!(err.field("scope"), Some(Invalid::UnknownChoice));
        assert_eq!(err.field("expires_in_days"), Some(Invalid::OutOfRange { min: 1, max: 365 }));
        let long = "x".repeat(101);
        let err = service::create(&db, Some(&w.reporter), &form(&long, "read", ""), now()).await.expect_err("long");
        assert_eq!(err, AppError::invalid("name", Invalid::TooLong { max: 100 }));
        let anonymous = service::create(&db, None, &form("Mine", "read", ""), now()).await;
        assert_eq!(anonymous, Err(AppError::Unauthenticated));
        assert_eq!(count_tokens(&db).await, 0);
    })
    .await;
}

#[tokio::test]
async fn a_token_acts_as_its_owner_until_revoked_expired_or_erased() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let t0 = now();
        let new = service::create(&db, Some(&w.coordinator), &form("Robot", "write", "1"), t0).await.expect("created");
        let caller = service::authenticate(&db, &new.token, t0).await.expect("accepted");
        assert_eq!((caller.token_id, caller.scope), (new.id, TokenScope::Write));
        let (mut got, mut want) = (caller.actor.roles.clone(), w.coordinator.roles.clone());
        got.sort_by_key(|r| r.as_str());
        want.sort_by_key(|r| r.as_str());
        assert_eq!((caller.actor.user_id, caller.actor.municipality_id), (w.coordinator.user_id, w.home));
        assert_eq!(got, want, "the owner's roles");

        // Unknown, malformed, a near miss.
        let unknown = format!("apt_{}", "A".repeat(43));
        let mut near = new.token.clone();
        near.pop();
        near.push(if new.token.ends_with('A') { 'B' } else { 'A' });
        for bad in [unknown.as_str(), "apt_short", "", &new.token[4..], near.as_str(), &format!("{} ", new.token)] {
            assert_eq!(service::authenticate(&db, bad, t0).await, Err(AppError::Unauthenticated), "{bad:?}");
        }

        // Expired: valid up to (not including) one day after creation.
        assert!(service::authenticate(&db, &new.token, t0 + Duration::hours(23)).await.is_ok());
        assert_eq!(
            service::authenticate(&db, &new.token, t0 + Duration::days(1)).await,
            Err(AppError::Unauthenticated)
        );

        // Revoked.
        let other = service::create(&db, Some(&w.coordinator), &form("Other", "read", ""), t0).await.expect("created");
        service::revoke(&db, Some(&w.coordinator), other.id, t0).await.expect("revoked");
        assert_eq!(service::authenticate(&db, &other.token, t0).await, Err(AppError::Unauthenticated));

        // Erased owner: every token of theirs stops at once.
        let third = service::create(&db, Some(&w.reporter), &form("Third", "read", ""), t0).await.expect("created");
        assert!(service::authenticate(&db, &third.token, t0).await.is_ok());
        with_pool!(&db, pool => sqlx::query("UPDATE users SET erased_at = $1 WHERE id = $2")
            .bind(t0).bind(w.reporter.user_id).execute(pool).await.map(|_| ()))
        .expect("erase");
        assert_eq!(service::authenticate(&db, &third.token, t0).await, Err(AppError::Unauthenticated));
    })
    .await;
}

#[tokio::test]
async fn last_use_is_written_at_most_once_a_minute() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let t0 = now();
        let new = service::create(&db, Some(&w.reporter), &form("Busy", "read", ""), t0).await.expect("created");
        let last_used = || {
            let db = db.clone();
            let reporter = w.reporter.clone();
            async move {
                let list = service::list(&db, Some(&reporter), t0).await.expect("list");
                list.into_iter().find(|t| t.id == new.id).expect("listed").last_used_at
            }
        };
        assert_eq!(last_used().await, None);
        service::authenticate(&db, &new.token, t0).await.expect("first use");
        assert_eq!(last_used().await, Some(t0));
        service::authenticate(&db, &new.token, t0 + Duration::seconds(30)).await.expect("soon after");
        assert_eq!(last_used().await, Some(t0), "no write within the minute");
        let later = t0 + LAST_USED_STEP + Duration::seconds(1);
        service::authenticate(&db, &new.token, later).await.expect("later");
        assert_eq!(last_used().await, Some(later));
    })
    .await;
}
