//! Single sign-on on both databases: the admin's settings under the policy, claims turned into
//! users (link, provision, role mapping, never across municipalities), and key rotation.

use crate::support::{each_backend, world};
use app::common::error::{AppError, Invalid};
use app::crypto::KeyRing;
use app::db::Db;
use app::identity::model::Role;
use app::identity::sso::model::SsoForm;
use app::identity::sso::service::{self, Claims, Refusal};
use app::identity::sso::store;
use app::with_pool;

const K1: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const K2: &str = "HxwdHhsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";
const ISSUER: &str = "https://idp.home.test/realms/staff";

fn keys(spec: &str) -> KeyRing {
    KeyRing::parse(spec).expect("key spec")
}

fn form(secret: &str, mapping: &str) -> SsoForm {
    SsoForm {
        issuer: ISSUER.into(),
        client_id: "autoport".into(),
        client_secret: secret.into(),
        groups_claim: "groups".into(),
        role_mapping: mapping.into(),
        enabled: Some("on".into()),
    }
}

fn claims(subject: &str, email: &str, groups: &[&str]) -> Claims {
    Claims {
        issuer: ISSUER.into(),
        subject: subject.into(),
        email: Some(email.into()),
        email_verified: Some(true),
        name: Some("Sanne SSO".into()),
        groups: groups.iter().map(|g| g.to_string()).collect(),
    }
}

async fn roles_of(db: &Db, user_id: i64) -> Vec<String> {
    with_pool!(db, pool => sqlx::query_scalar::<_, String>("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(user_id).fetch_all(pool).await)
    .expect("roles")
}

async fn municipality_of(db: &Db, user_id: i64) -> i64 {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT municipality_id FROM users WHERE id = $1")
        .bind(user_id).fetch_one(pool).await)
    .expect("user")
}

#[tokio::test]
async fn only_the_municipality_admin_manages_sso_and_the_secret_stays_sealed() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let ring = keys(&format!("k1:{K1}"));
        for (who, actor) in [("reporter", &w.reporter), ("coordinator", &w.coordinator), ("other", &w.other_reporter)] {
            let err = service::save(&db, &ring, Some(actor), form("s", "")).await.expect_err(who);
            assert_eq!(err, AppError::Forbidden, "{who}");
        }
        assert_eq!(service::save(&db, &ring, None, form("s", "")).await, Err(AppError::Unauthenticated));

        let admin = Some(&w.municipality_admin);
        service::save(&db, &ring, admin, form("top-secret", "staff-it = municipality_admin")).await.expect("save");
        let row = store::provider(&db, w.home).await.expect("db").expect("stored");
        let sealed = row.client_secret.clone().expect("secret stored");
        assert!(sealed.starts_with("v1.k1.") && !sealed.contains("top-secret"), "{sealed}");
        assert_eq!(ring.open(&store::secret_context(w.home), &sealed).expect("opens"), "top-secret");

        // The page learns only that a secret exists; blank keeps it.
        let shown = service::settings(&db, admin, "http://127.0.0.1:3000").await.expect("settings");
        assert!(shown.has_secret && shown.enabled);
        assert_eq!(shown.redirect_url, "http://127.0.0.1:3000/auth/oidc/callback");
        service::save(&db, &ring, admin, form("", "")).await.expect("save without secret");
        let again = store::provider(&db, w.home).await.expect("db").expect("stored");
        assert_eq!(again.client_secret.as_deref(), Some(sealed.as_str()));
        assert_eq!(service::settings(&db, Some(&w.reporter), "x").await, Err(AppError::Forbidden));

        let mut bad = form("", "x = consortium_admin");
        bad.issuer = "http://idp.example".into();
        let err = service::save(&db, &ring, admin, bad).await.expect_err("invalid");
        assert_eq!(err.field("issuer"), Some(Invalid::NotHttps));
        assert_eq!(err.field("role_mapping"), Some(Invalid::BadRoleMapping));

        let links = store::enabled_links(&db).await.expect("links");
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].code, "101");
    })
    .await;
}

#[tokio::test]
async fn claims_provision_link_and_map_roles_within_the_municipality() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let ring = keys(&format!("k1:{K1}"));
        service::save(&db, &ring, Some(&w.municipality_admin), form("s", "autoport-coordinators = coordinator"))
            .await
            .expect("save");
        let provider = store::provider(&db, w.home).await.expect("db").expect("provider");

        // First login: provisioned into the provider's municipality, reporter + mapped role.
        let new = service::user_for_claims(
            &db,
            &provider,
            &claims("sub-1", "New.Person@Home.test", &["autoport-coordinators"]),
        )
        .await
        .expect("provisioned");
        assert_eq!(municipality_of(&db, new).await, w.home);
        assert_eq!(roles_of(&db, new).await, vec!["coordinator", "reporter"]);
        // Second login: the same user, found by issuer + subject even if the e-mail changed.
        let again = service::user_for_claims(&db, &provider, &claims("sub-1", "renamed@home.test", &[]))
            .await
            .expect("same user");
        assert_eq!(again, new);
        assert_eq!(roles_of(&db, new).await, vec!["coordinator", "reporter"], "roles are never removed");

        // A local account of the same municipality with the same e-mail is linked.
        let linked = service::user_for_claims(&db, &provider, &claims("sub-2", "reporter@home.test", &[]))
            .await
            .expect("linked");
        assert_eq!(linked, w.reporter.user_id);
        // ... and cannot be taken over by another identity with that address.
        assert_eq!(
            service::user_for_claims(&db, &provider, &claims("sub-3", "reporter@home.test", &[])).await,
            Err(Refusal::EmailLinkedElsewhere)
        );

        // Never across municipalities.
        assert_eq!(
            service::user_for_claims(&db, &provider, &claims("sub-4", "reporter@other.test", &[])).await,
            Err(Refusal::EmailInOtherMunicipality)
        );
        let other_provider = store::ProviderRow { municipality_id: w.other, ..provider.clone() };
        assert_eq!(
            service::user_for_claims(&db, &other_provider, &claims("sub-1", "x@home.test", &[])).await,
            Err(Refusal::OtherMunicipality)
        );

        // No e-mail, or an unverified one: no account.
        let mut no_mail = claims("sub-5", "", &[]);
        no_mail.email = None;
        assert_eq!(service::user_for_claims(&db, &provider, &no_mail).await, Err(Refusal::NoEmail));
        let mut unverified = claims("sub-6", "fresh@home.test", &[]);
        unverified.email_verified = Some(false);
        assert_eq!(service::user_for_claims(&db, &provider, &unverified).await, Err(Refusal::NoEmail));

        // Consortium roles cannot be mapped, whatever the group says.
        let mapped = service::mapped_roles(
            &store::ProviderRow { role_mapping: "g = coordinator".into(), ..provider.clone() },
            &["g".into(), "consortium_admin".into()],
        );
        assert_eq!(mapped, vec![Role::Coordinator]);
    })
    .await;
}

#[tokio::test]
async fn reencrypt_moves_every_secret_to_the_current_key() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let old = keys(&format!("k1:{K1}"));
        service::save(&db, &old, Some(&w.municipality_admin), form("s3cret", "")).await.expect("save");
        assert_eq!(store::count_sealed(&db).await.expect("count"), 1);

        let rotated = keys(&format!("k2:{K2},k1:{K1}"));
        let first = store::reseal_secrets(&db, &rotated).await.expect("reseal");
        assert_eq!((first.resealed, first.already_current), (1, 0));
        let second = store::reseal_secrets(&db, &rotated).await.expect("reseal again");
        assert_eq!((second.resealed, second.already_current), (0, 1));

        // The old key can now be dropped.
        let sealed = store::provider(&db, w.home).await.expect("db").expect("row").client_secret.expect("secret");
        let only_new = keys(&format!("k2:{K2}"));
        assert_eq!(only_new.open(&store::secret_context(w.home), &sealed).expect("opens"), "s3cret");

        // A ring that cannot open a value changes nothing at all.
        let wrong = keys(&format!("k3:{K1}"));
        assert!(store::reseal_secrets(&db, &wrong).await.is_err());
        let unchanged = store::provider(&db, w.home).await.expect("db").expect("row").client_secret.expect("secret");
        assert_eq!(unchanged, sealed);
    })
    .await;
}

#[tokio::test]
async fn start_refuses_to_run_without_a_key_once_sealed_values_exist() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let no_keys = server::config::Config::from_lookup(|_| None).expect("config");
        server::check_data_keys(&no_keys, &db).await.expect("nothing sealed yet: starts");
        service::save(&db, &keys(&format!("k1:{K1}")), Some(&w.municipality_admin), form("s", "")).await.expect("save");
        assert!(matches!(server::check_data_keys(&no_keys, &db).await, Err(server::StartError::NoDataKey)));
        // Without a key, a new secret cannot be stored (and says so only in the log).
        let err = service::save(&db, &KeyRing::default(), Some(&w.municipality_admin), form("other", "")).await;
        assert_eq!(err, Err(AppError::Internal));
    })
    .await;
}

async fn linked_subject(db: &Db, user_id: i64) -> Option<String> {
    with_pool!(db, pool => sqlx::query_scalar("SELECT oidc_subject FROM users WHERE id = $1")
        .bind(user_id).fetch_one(pool).await)
    .expect("user")
}

/// Issue 21: an identity provider the municipality admin controls cannot take over an account
/// by e-mail unless the address is verified, and never one holding a consortium role.
#[tokio::test]
async fn sso_links_only_verified_addresses_and_never_consortium_accounts() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let ring = keys(&format!("k1:{K1}"));
        service::save(&db, &ring, Some(&w.municipality_admin), form("s", "")).await.expect("save");
        let provider = store::provider(&db, w.home).await.expect("db").expect("provider");

        let mut unverified = claims("sub-1", "reporter@home.test", &[]);
        unverified.email_verified = None;
        assert_eq!(service::user_for_claims(&db, &provider, &unverified).await, Err(Refusal::EmailNotVerified));
        assert_eq!(linked_subject(&db, w.reporter.user_id).await, None);

        let group = w.consortium_coordinator.user_id;
        assert_eq!(
            service::user_for_claims(&db, &provider, &claims("sub-2", "group@home.test", &[])).await,
            Err(Refusal::ConsortiumAccount)
        );
        assert_eq!(linked_subject(&db, group).await, None, "a consortium account is never linked");

        // Addresses are compared lower-cased and trimmed, and stored so.
        let linked = service::user_for_claims(&db, &provider, &claims("sub-3", " Reporter@HOME.test ", &[]))
            .await
            .expect("linked");
        assert_eq!(linked, w.reporter.user_id);
        let new = service::user_for_claims(&db, &provider, &claims("sub-4", "New.Person@Home.Test", &[]))
            .await
            .expect("provisioned");
        let email: String = with_pool!(&db, pool => sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(new).fetch_one(pool).await)
        .expect("email");
        assert_eq!(email, "new.person@home.test");
        assert_eq!(
            service::user_for_claims(&db, &provider, &claims("sub-5", "REPORTER@OTHER.TEST", &[])).await,
            Err(Refusal::EmailInOtherMunicipality),
            "another municipality's person, whatever the case"
        );
    })
    .await;
}
