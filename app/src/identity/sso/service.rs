//! Single sign-on without HTTP: the admin's settings, and turning a verified ID token's
//! claims into a user of the provider's municipality.

use crate::common::error::{AppError, AppResult, FieldError, Invalid};
use crate::crypto::KeyRing;
use crate::db::Db;
use crate::identity::model::{Actor, Role};
use crate::identity::policy;
use crate::identity::sso::model::{SsoForm, SsoSettings};
use crate::identity::sso::store::{self, NewUser, ProviderRow};
use crate::identity::store::normalise_email;
use time::OffsetDateTime;

pub const ISSUER_MAX: usize = 500;
pub const CLIENT_ID_MAX: usize = 200;
pub const SECRET_MAX: usize = 1000;
pub const CLAIM_MAX: usize = 100;
pub const MAPPING_MAX: usize = 4000;

/// Roles a municipality's provider may grant. Consortium-wide roles are not among them: one
/// municipality's directory must not hand out power over the whole consortium.
pub const MAPPABLE_ROLES: [Role; 3] = [Role::Reporter, Role::Coordinator, Role::MunicipalityAdmin];

/// The provider settings of the caller's municipality, for its admin.
pub async fn settings(db: &Db, actor: Option<&Actor>, public_url: &str) -> AppResult<SsoSettings> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    policy::may_manage_municipality(actor, actor.municipality_id)?;
    let municipality = store::municipality_name(db, actor.municipality_id).await?.ok_or(AppError::NotFound)?;
    let redirect_url = redirect_url(public_url);
    Ok(match store::provider(db, actor.municipality_id).await? {
        Some(p) => SsoSettings {
            municipality,
            issuer: p.issuer,
            client_id: p.client_id,
            has_secret: p.client_secret.is_some(),
            groups_claim: p.groups_claim.unwrap_or_default(),
            role_mapping: p.role_mapping,
            enabled: p.enabled,
            redirect_url,
        },
        None => SsoSettings { municipality, redirect_url, ..SsoSettings::default() },
    })
}

/// The one redirect URL of this deployment, registered at every provider.
pub fn redirect_url(public_url: &str) -> String {
    format!("{}/auth/oidc/callback", public_url.trim_end_matches('/'))
}

/// Checks and saves the caller's municipality's provider. A blank secret keeps the stored one.
pub async fn save(db: &Db, keys: &KeyRing, actor: Option<&Actor>, form: SsoForm) -> AppResult<()> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    let municipality_id = actor.municipality_id;
    policy::may_manage_municipality(actor, municipality_id)?;
    let valid = validate(&form)?;
    let client_secret = match valid.client_secret {
        None => None,
        Some(secret) => Some(keys.seal(&store::secret_context(municipality_id), &secret).map_err(|error| {
            tracing::error!(%error, "cannot seal the client secret");
            AppError::Internal
        })?),
    };
    let row = ProviderRow {
        municipality_id,
        issuer: valid.issuer,
        client_id: valid.client_id,
        client_secret,
        groups_claim: valid.groups_claim,
        role_mapping: valid.role_mapping,
        enabled: valid.enabled,
    };
    store::save_provider(db, &row, OffsetDateTime::now_utc()).await?;
    tracing::info!(user = actor.user_id, municipality = municipality_id, enabled = row.enabled, "SSO settings saved");
    Ok(())
}

struct Valid {
    issuer: String,
    client_id: String,
    client_secret: Option<String>,
    groups_claim: Option<String>,
    role_mapping: String,
    enabled: bool,
}

fn validate(form: &SsoForm) -> AppResult<Valid> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, problem| errors.push(FieldError { field: field.to_owned(), problem });
    // Kept exactly as typed (a trailing slash included): the ID token's `iss` must match it.
    let issuer = form.issuer.trim().to_owned();
    if issuer.is_empty() {
        fail("issuer", Invalid::Required);
    } else if issuer.len() > ISSUER_MAX {
        fail("issuer", Invalid::TooLong { max: ISSUER_MAX as u32 });
    } else if !issuer_allowed(&issuer) {
        fail("issuer", Invalid::NotHttps);
    }
    let client_id = form.client_id.trim().to_owned();
    if client_id.is_empty() {
        fail("client_id", Invalid::Required);
    } else if client_id.len() > CLIENT_ID_MAX {
        fail("client_id", Invalid::TooLong { max: CLIENT_ID_MAX as u32 });
    }
    let secret = form.client_secret.trim();
    if secret.len() > SECRET_MAX {
        fail("client_secret", Invalid::TooLong { max: SECRET_MAX as u32 });
    }
    let groups_claim = form.groups_claim.trim().to_owned();
    if groups_claim.len() > CLAIM_MAX {
        fail("groups_claim", Invalid::TooLong { max: CLAIM_MAX as u32 });
    }
    let role_mapping = match parse_role_mapping(&form.role_mapping) {
        _ if form.role_mapping.len() > MAPPING_MAX => {
            fail("role_mapping", Invalid::TooLong { max: MAPPING_MAX as u32 });
            String::new()
        }
        Some(pairs) => pairs.iter().map(|(g, r)| format!("{g} = {}", r.as_str())).collect::<Vec<_>>().join("\n"),
        None => {
            fail("role_mapping", Invalid::BadRoleMapping);
            String::new()
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Valid {
        issuer,
        client_id,
        client_secret: (!secret.is_empty()).then(|| secret.to_owned()),
        groups_claim: (!groups_claim.is_empty()).then_some(groups_claim),
        role_mapping,
        enabled: form.enabled.as_deref().is_some_and(|v| !v.is_empty() && v != "false"),
    })
}

/// https everywhere; plain http only for a provider on this machine (tests, development).
pub fn issuer_allowed(issuer: &str) -> bool {
    let Ok(url) = url::Url::parse(issuer) else { return false };
    if url.cannot_be_a_base() || url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    match url.scheme() {
        "https" => true,
        "http" => match url.host() {
            Some(url::Host::Domain(d)) => d == "localhost",
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        },
        _ => false,
    }
}

/// Parses "group = role" lines (blank lines ignored). `None` when a line is malformed or names
/// a role a municipality may not grant.
pub fn parse_role_mapping(text: &str) -> Option<Vec<(String, Role)>> {
    let mut pairs = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (group, role) = line.rsplit_once('=')?;
        let (group, role) = (group.trim(), Role::parse(role.trim())?);
        if group.is_empty() || !MAPPABLE_ROLES.contains(&role) {
            return None;
        }
        pairs.push((group.to_owned(), role));
    }
    Some(pairs)
}

/// What Autoport takes from a verified ID token.
#[derive(Clone, Debug, Default)]
pub struct Claims {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
    pub groups: Vec<String>,
}

/// Why a verified person still does not get in. Logged, never shown: the page says only that
/// single sign-on did not succeed.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the identity belongs to a user of another municipality")]
    OtherMunicipality,
    #[error("the e-mail address belongs to a user of another municipality")]
    EmailInOtherMunicipality,
    #[error("the e-mail address belongs to a user linked to another identity")]
    EmailLinkedElsewhere,
    #[error("no (verified) e-mail address in the ID token")]
    NoEmail,
    #[error("the e-mail address of an existing account is not verified by the provider")]
    EmailNotVerified,
    #[error("the e-mail address belongs to an account with a consortium role")]
    ConsortiumAccount,
    #[error("the claims are too long to store")]
    TooLong,
    #[error("database error")]
    Database,
}

impl From<sqlx::Error> for Refusal {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error during single sign-on");
        Refusal::Database
    }
}

/// The roles the groups claim maps to, under this provider's mapping.
pub fn mapped_roles(provider: &ProviderRow, groups: &[String]) -> Vec<Role> {
    if provider.groups_claim.is_none() {
        return Vec::new();
    }
    let mapping = parse_role_mapping(&provider.role_mapping).unwrap_or_default();
    let mut roles: Vec<Role> =
        mapping.into_iter().filter(|(g, _)| groups.iter().any(|have| have == g)).map(|(_, r)| r).collect();
    roles.sort_by_key(|r| r.as_str());
    roles.dedup();
    roles
}

/// The user these claims sign in as: the one linked to issuer + subject; else a local account
/// of the provider's municipality with the same e-mail, linked only when the provider says the
/// address is verified and the account holds no consortium role
/// ([`policy::may_link_by_email`]); else a new reporter of that municipality (an address the
/// provider does not call verified is enough there: that account is reachable only through
/// this provider). Never a user of another municipality. Roles from the
/// groups claim are added, never removed (removing stays with the municipality's admin).
pub async fn user_for_claims(db: &Db, provider: &ProviderRow, claims: &Claims) -> Result<i64, Refusal> {
    let municipality_id = provider.municipality_id;
    let mapped = mapped_roles(provider, &claims.groups);
    if let Some(user) = store::user_by_identity(db, &claims.issuer, &claims.subject).await? {
        if user.municipality_id != municipality_id {
            return Err(Refusal::OtherMunicipality);
        }
        store::add_roles(db, user.id, &mapped).await?;
        return Ok(user.id);
    }
    // Compared and stored as every address is: trimmed and lower-cased.
    let email = match (&claims.email, claims.email_verified) {
        (Some(e), verified) if verified != Some(false) && e.contains('@') => normalise_email(e),
        _ => return Err(Refusal::NoEmail),
    };
    let email = email.as_str();
    if email.len() > crate::identity::auth::service::EMAIL_MAX
        || claims.subject.len() > 255
        || claims.issuer.len() > ISSUER_MAX
    {
        return Err(Refusal::TooLong);
    }
    if let Some(user) = store::user_by_email(db, email).await? {
        if user.municipality_id != municipality_id {
            return Err(Refusal::EmailInOtherMunicipality);
        }
        if user.oidc_issuer.is_some() {
            return Err(Refusal::EmailLinkedElsewhere);
        }
        let roles = crate::identity::store::load_user(db, user.id).await?.map(|u| u.actor.roles).unwrap_or_default();
        if !policy::may_link_by_email(claims.email_verified, &roles) {
            return Err(if claims.email_verified == Some(true) {
                Refusal::ConsortiumAccount
            } else {
                Refusal::EmailNotVerified
            });
        }
        if !store::link(db, user.id, &claims.issuer, &claims.subject).await? {
            return Err(Refusal::EmailLinkedElsewhere);
        }
        store::add_roles(db, user.id, &mapped).await?;
        tracing::info!(user = user.id, "linked a local account to its single sign-on identity");
        return Ok(user.id);
    }
    let name: String =
        claims.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or(email).chars().take(200).collect();
    let mut roles = vec![Role::Reporter];
    roles.extend(mapped.into_iter().filter(|r| *r != Role::Reporter));
    let new = NewUser { municipality_id, email, display_name: &name, issuer: &claims.issuer, subject: &claims.subject };
    let id = store::create_user(db, &new, &roles, OffsetDateTime::now_utc()).await?;
    tracing::info!(user = id, municipality = municipality_id, "provisioned a user at first single sign-on");
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_must_be_https_except_on_loopback() {
        assert!(issuer_allowed("https://login.example.dk/realms/aarhus"));
        assert!(issuer_allowed("http://127.0.0.1:4011"));
        assert!(issuer_allowed("http://localhost:8080/realms/x"));
        assert!(issuer_allowed("http://[::1]:8080"));
        assert!(!issuer_allowed("http://login.example.dk"));
        assert!(!issuer_allowed("http://10.0.0.1"));
        assert!(!issuer_allowed("ftp://login.example.dk"));
        assert!(!issuer_allowed("https://user:pw@login.example.dk"));
        assert!(!issuer_allowed("login.example.dk"));
    }

    #[test]
    fn role_mappings_parse_and_refuse_consortium_roles() {
        let parsed =
            parse_role_mapping(" autoport-coordinators = coordinator \n\nIT Admins=municipality_admin").expect("valid");
        assert_eq!(
            parsed,
            vec![
                ("autoport-coordinators".to_owned(), Role::Coordinator),
                ("IT Admins".to_owned(), Role::MunicipalityAdmin)
            ]
        );
        assert_eq!(parse_role_mapping("g = consortium_admin"), None);
        assert_eq!(parse_role_mapping("g = superuser"), None);
        assert_eq!(parse_role_mapping("no equals sign"), None);
        assert_eq!(parse_role_mapping(" = coordinator"), None);
    }

    #[test]
    fn form_errors_are_per_field() {
        let form =
            SsoForm { issuer: "http://idp.example".into(), role_mapping: "x = root".into(), ..Default::default() };
        let Err(err) = validate(&form) else { panic!("must fail") };
        assert_eq!(err.field("issuer"), Some(Invalid::NotHttps));
        assert_eq!(err.field("client_id"), Some(Invalid::Required));
        assert_eq!(err.field("role_mapping"), Some(Invalid::BadRoleMapping));
        let ok = validate(&SsoForm {
            issuer: "https://idp.example/".into(),
            client_id: "autoport".into(),
            enabled: Some("on".into()),
            ..Default::default()
        })
        .expect("valid");
        assert_eq!(ok.issuer, "https://idp.example/");
        assert!(ok.enabled && ok.client_secret.is_none());
    }
}
