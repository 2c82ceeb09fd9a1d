//! Personal API tokens without HTTP: create, list and revoke one's own, and resolve the token
//! of a request to the person behind it.
//!
//! A token is `apt_` and 32 random bytes in base64url. Only its SHA-256 is stored: the secret
//! is random and 256 bits long, so a fast hash cannot be reversed or guessed, and requests are
//! matched by equality on an indexed column instead of a slow password hash per request.

use crate::common::error::{AppError, AppResult, FieldError, Invalid};
use crate::db::Db;
use crate::identity::model::Actor;
use crate::identity::policy;
use crate::identity::tokens::model::{
    NewToken, TokenForm, TokenScope, TokenState, TokenSummary, EXPIRY_DAYS_MAX, NAME_MAX,
};
use crate::identity::tokens::store::{self, NewTokenRow};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

pub const TOKEN_PREFIX: &str = "apt_";
const SECRET_BYTES: usize = 32;
/// base64url without padding of 32 bytes.
const SECRET_CHARS: usize = 43;
/// `apt_` and six characters of the secret: enough to tell one's tokens apart, far too few
/// to help guess the rest (250 unknown bits remain).
const SHOWN_PREFIX_CHARS: usize = TOKEN_PREFIX.len() + 6;
/// `last_used_at` is written at most this often per token, so that a busy script does not
/// turn every read into a write.
pub const LAST_USED_STEP: Duration = Duration::minutes(1);

/// A request's token, resolved: the owner as every policy decision sees them, and how far the
/// token narrows what they may do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenCaller {
    pub token_id: i64,
    pub actor: Actor,
    pub scope: TokenScope,
}

/// The caller's own tokens, newest first, each with its state as of `now`.
pub async fn list(db: &Db, actor: Option<&Actor>, now: OffsetDateTime) -> AppResult<Vec<TokenSummary>> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    let rows = store::of_user(db, actor.user_id).await?;
    rows.into_iter()
        .map(|row| {
            let scope = known_scope(&row.scope)?;
            Ok(TokenSummary {
                id: row.id,
                state: state(row.revoked_at, row.expires_at, now),
                name: row.name,
                prefix: row.prefix,
                scope,
                created_at: row.created_at,
                last_used_at: row.last_used_at,
                expires_at: row.expires_at,
                revoked_at: row.revoked_at,
            })
        })
        .collect()
}

/// Creates a token for the caller and returns it with its text, which is stored nowhere.
#[tracing::instrument(skip_all)]
pub async fn create(db: &Db, actor: Option<&Actor>, form: &TokenForm, now: OffsetDateTime) -> AppResult<NewToken> {
    let actor = policy::may_create_token(actor)?;
    let valid = validate(form)?;
    let token = generate()?;
    let expires_at = valid.expires_in_days.map(|days| now + Duration::days(days));
    let id = store::insert(
        db,
        &NewTokenRow {
            user_id: actor.user_id,
            name: &valid.name,
            token_hash: &fingerprint(&token),
            prefix: &token[..SHOWN_PREFIX_CHARS],
            scope: valid.scope.as_str(),
            created_at: now,
            expires_at,
        },
    )
    .await?;
    tracing::info!(user = actor.user_id, token = id, scope = valid.scope.as_str(), "API token created");
    Ok(NewToken { id, name: valid.name, scope: valid.scope, expires_at, token })
}

/// Revokes one of the caller's tokens. Someone else's token answers `NotFound`, exactly like a
/// missing one, and stays as it was.
#[tracing::instrument(skip(db, actor))]
pub async fn revoke(db: &Db, actor: Option<&Actor>, id: i64, now: OffsetDateTime) -> AppResult<()> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    let owner = store::owner(db, id).await?.ok_or(AppError::NotFound)?;
    policy::may_manage_token(actor, owner)?;
    store::revoke(db, id, now).await?;
    tracing::info!(user = actor.user_id, token = id, "API token revoked");
    Ok(())
}

/// Resolves the text of a `Bearer` token. Every refusal is `Unauthenticated`, whatever the
/// reason (malformed, unknown, revoked, expired, owner erased): the reason goes to the log only.
pub async fn authenticate(db: &Db, presented: &str, now: OffsetDateTime) -> AppResult<TokenCaller> {
    if !well_formed(presented) {
        tracing::info!("API token refused: malformed");
        return Err(AppError::Unauthenticated);
    }
    let Some(row) = store::by_hash(db, &fingerprint(presented)).await? else {
        tracing::info!("API token refused: unknown");
        return Err(AppError::Unauthenticated);
    };
    let refusal = if row.erased_at.is_some() {
        Some("owner erased")
    } else {
        match state(row.revoked_at, row.expires_at, now) {
            TokenState::Revoked => Some("revoked"),
            TokenState::Expired => Some("expired"),
            TokenState::Active => None,
        }
    };
    if let Some(reason) = refusal {
        tracing::info!(token = row.id, reason, "API token refused");
        return Err(AppError::Unauthenticated);
    }
    let scope = known_scope(&row.scope)?;
    // Roles and municipality are read afresh, so a change applies to the next request.
    let user = crate::identity::store::load_user(db, row.user_id).await?.ok_or(AppError::Unauthenticated)?;
    if row.last_used_at.is_none_or(|at| now - at >= LAST_USED_STEP) {
        store::touch(db, row.id, now, now - LAST_USED_STEP).await?;
    }
    Ok(TokenCaller { token_id: row.id, actor: user.actor, scope })
}

/// Lower-case hex SHA-256 of the whole token text: what the database keeps.
pub fn fingerprint(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// `apt_` and exactly 43 base64url characters. Checked before any database work, so that
/// garbage costs nothing.
pub fn well_formed(token: &str) -> bool {
    token.strip_prefix(TOKEN_PREFIX).is_some_and(|secret| {
        secret.len() == SECRET_CHARS && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

fn generate() -> AppResult<String> {
    Ok(format!("{TOKEN_PREFIX}{}", crate::crypto::random_secret(SECRET_BYTES)?))
}

fn state(revoked_at: Option<OffsetDateTime>, expires_at: Option<OffsetDateTime>, now: OffsetDateTime) -> TokenState {
    if revoked_at.is_some() {
        TokenState::Revoked
    } else if expires_at.is_some_and(|at| at <= now) {
        TokenState::Expired
    } else {
        TokenState::Active
    }
}

/// The CHECK constraint admits only known scopes; anything else means schema and code disagree.
fn known_scope(text: &str) -> AppResult<TokenScope> {
    TokenScope::parse(text).ok_or_else(|| {
        tracing::error!(value = text, "unknown token scope stored in the database");
        AppError::Internal
    })
}

#[derive(Debug, PartialEq, Eq)]
struct Valid {
    name: String,
    scope: TokenScope,
    expires_in_days: Option<i64>,
}

/// Checks every field and reports every problem at once.
fn validate(form: &TokenForm) -> AppResult<Valid> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, problem| errors.push(FieldError { field: field.to_owned(), problem });
    let name = form.name.trim().to_owned();
    if name.is_empty() {
        fail("name", Invalid::Required);
    } else if name.chars().count() > NAME_MAX as usize {
        fail("name", Invalid::TooLong { max: NAME_MAX });
    }
    // Least power by default: a form without a choice makes a read token.
    let scope = match form.scope.trim() {
        "" => TokenScope::Read,
        s => TokenScope::parse(s).unwrap_or_else(|| {
            fail("scope", Invalid::UnknownChoice);
            TokenScope::Read
        }),
    };
    // Whole days only. "ten" or "1.5" get the range message too: the generic "enter a number,
    // e.g. 12.5" would invite a fraction.
    let expires_in_days = match form.expires_in_days.trim() {
        "" => None,
        days => match days.parse::<i64>() {
            Ok(d) if (1..=EXPIRY_DAYS_MAX).contains(&d) => Some(d),
            _ => {
                fail("expires_in_days", Invalid::OutOfRange { min: 1, max: EXPIRY_DAYS_MAX });
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Valid { name, scope, expires_in_days })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, scope: &str, days: &str) -> TokenForm {
        TokenForm { name: name.into(), scope: scope.into(), expires_in_days: days.into() }
    }

    #[test]
    fn accepts_a_good_form_and_trims() {
        assert_eq!(
            validate(&form("  UiPath robot stats ", "write", " 30 ")),
            Ok(Valid { name: "UiPath robot stats".into(), scope: TokenScope::Write, expires_in_days: Some(30) })
        );
        let plain = validate(&form("Excel", "", "")).expect("valid");
        assert_eq!((plain.scope, plain.expires_in_days), (TokenScope::Read, None));
    }

    #[test]
    fn reports_every_problem_at_once() {
        let err = validate(&form(" ", "admin", "ten")).expect_err("invalid");
        assert_eq!(err.field("name"), Some(Invalid::Required));
        assert_eq!(err.field("scope"), Some(Invalid::UnknownChoice));
        let out_of_range = Some(Invalid::OutOfRange { min: 1, max: 365 });
        assert_eq!(err.field("expires_in_days"), out_of_range);
        for days in ["0", "366", "-1", "1.5", "99999999999999999999"] {
            let err = validate(&form("x", "read", days)).expect_err(days);
            assert_eq!(err.field("expires_in_days"), out_of_range, "{days}");
        }
        assert!(validate(&form("x", "read", "1")).is_ok());
        assert!(validate(&form("x", "read", "365")).is_ok());
    }

    #[test]
    fn name_length_counts_characters_not_bytes() {
        assert!(validate(&form(&"ø".repeat(100), "read", "")).is_ok());
        let err = validate(&form(&"ø".repeat(101), "read", "")).expect_err("long");
        assert_eq!(err.field("name"), Some(Invalid::TooLong { max: 100 }));
    }

    #[test]
    fn tokens_are_random_well_formed_and_fingerprinted_with_sha256() {
        let (a, b) = (generate().expect("random"), generate().expect("random"));
        assert_ne!(a, b);
        assert!(well_formed(&a) && well_formed(&b), "{a}");
        assert_eq!(a.len(), TOKEN_PREFIX.len() + SECRET_CHARS);
        // The published SHA-256 test vector, so the stored form is plain SHA-256 hex.
        assert_eq!(fingerprint("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(fingerprint(&a).len(), 64);
    }

    #[test]
    fn malformed_tokens_are_recognised_without_the_database() {
        let good = format!("{TOKEN_PREFIX}{}", "A".repeat(SECRET_CHARS));
        assert!(well_formed(&good));
        for bad in [
            String::new(),
            "apt_".into(),
            format!("apx_{}", "A".repeat(SECRET_CHARS)),
            format!("{TOKEN_PREFIX}{}", "A".repeat(SECRET_CHARS - 1)),
            format!("{TOKEN_PREFIX}{}", "A".repeat(SECRET_CHARS + 1)),
            format!("{TOKEN_PREFIX}{}=", "A".repeat(SECRET_CHARS - 1)),
            format!("{TOKEN_PREFIX}{}ø", "A".repeat(SECRET_CHARS - 2)),
        ] {
            assert!(!well_formed(&bad), "{bad:?}");
        }
    }

    #[test]
    fn state_follows_revocation_then_expiry() {
        let now = OffsetDateTime::now_utc();
        let past = Some(now - Duration::seconds(1));
        let future = Some(now + Duration::days(1));
        assert_eq!(state(None, None, now), TokenState::Active);
        assert_eq!(state(None, future, now), TokenState::Active);
        assert_eq!(state(None, Some(now), now), TokenState::Expired);
        assert_eq!(state(None, past, now), TokenState::Expired);
        assert_eq!(state(past, future, now), TokenState::Revoked);
        assert_eq!(state(past, past, now), TokenState::Revoked);
    }
}
