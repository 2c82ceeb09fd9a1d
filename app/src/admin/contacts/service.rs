//! Finding and erasing a contact person's sealed details across the admin's own
//! municipality's candidates.

use crate::candidates::record::service::open_sealed_contact;
use crate::common::error::{AppError, AppResult, Invalid};
use crate::crypto::KeyRing;
use crate::db::Db;
use crate::identity::model::Actor;
use crate::identity::policy;
use crate::with_pool;
use time::OffsetDateTime;

use crate::admin::contacts::model::{ContactMatch, EraseForm};

const WITH_CONTACT: &str = "SELECT id, title, contact_name, contact_email, contact_phone FROM candidates \
     WHERE municipality_id = $1 \
       AND (contact_name IS NOT NULL OR contact_email IS NOT NULL OR contact_phone IS NOT NULL) ORDER BY id";
const ERASE: &str = "UPDATE candidates SET contact_name = NULL, contact_email = NULL, contact_phone = NULL, \
     updated_at = $3 WHERE id = $1 AND municipality_id = $2";
const AUDIT: &str = "INSERT INTO audit_events (candidate_id, actor_id, at, field, old_value, new_value) \
     VALUES ($1, $2, $3, $4, NULL, NULL)";

type Row = (i64, String, Option<String>, Option<String>, Option<String>);

fn matches(contact: &ContactMatch, query: &str) -> bool {
    let query = query.to_lowercase();
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    contact.name.to_lowercase().contains(&query)
        || contact.email.to_lowercase().contains(&query)
        || (digits.len() >= 3
            && contact.phone.chars().filter(char::is_ascii_digit).collect::<String>().contains(&digits))
}

fn allowed(actor: Option<&Actor>) -> AppResult<&Actor> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    policy::may_manage_municipality(actor, actor.municipality_id)?;
    Ok(actor)
}

/// The candidates of the admin's own municipality whose contact name, e-mail or phone holds
/// `query` (case-insensitive; phone by digits). Fewer than three characters find nothing.
pub async fn find(db: &Db, keys: &KeyRing, actor: Option<&Actor>, query: &str) -> AppResult<Vec<ContactMatch>> {
    let actor = allowed(actor)?;
    let query = query.trim();
    if query.chars().count() < 3 {
        return Ok(Vec::new());
    }
    let rows: Vec<Row> = with_pool!(db, pool => sqlx::query_as(WITH_CONTACT)
        .bind(actor.municipality_id).fetch_all(pool).await)?;
    let mut found = Vec::new();
    for (id, title, name, email, phone) in rows {
        let contact = ContactMatch {
            candidate_id: id,
            title,
            name: open_sealed_contact(keys, "contact_name", id, &name)?,
            email: open_sealed_contact(keys, "contact_email", id, &email)?,
            phone: open_sealed_contact(keys, "contact_phone", id, &phone)?,
        };
        if matches(&contact, query) {
            found.push(contact);
        }
    }
    Ok(found)
}

/// Erases what the page's form chose: the caller's rights are checked first, then that the
/// "I understand" box and at least one candidate are ticked.
pub async fn erase_chosen(db: &Db, keys: &KeyRing, actor: Option<&Actor>, form: &EraseForm) -> AppResult<usize> {
    allowed(actor)?;
    let ids = checked(form)?;
    erase(db, keys, actor, &form.query, &ids).await
}

/// The candidate ids the erase form ticked, once the "I understand" box is ticked too.
fn checked(form: &EraseForm) -> AppResult<Vec<i64>> {
    if form.confirm.is_none() {
        return Err(AppError::invalid("confirm", Invalid::Required));
    }
    let ids: Vec<i64> = form
        .candidates
        .iter()
        .map(|id| id.trim().parse::<i64>().map_err(|_| AppError::invalid("candidates", Invalid::NotANumber)))
        .collect::<AppResult<_>>()?;
    if ids.is_empty() {
        return Err(AppError::invalid("candidates", Invalid::Required));
    }
    Ok(ids)
}

/// Erases the contact details of the candidates that `query` finds and `candidate_ids` names
/// (others are left alone), in one transaction, with a value-less history event per detail
/// that was set. Returns how many candidates were changed.
pub async fn erase(
    db: &Db,
    keys: &KeyRing,
    actor: Option<&Actor>,
    query: &str,
    candidate_ids: &[i64],
) -> AppResult<usize> {
    let found = find(db, keys, actor, query).await?;
    let actor = allowed(actor)?;
    let chosen: Vec<&ContactMatch> = found.iter().filter(|c| candidate_ids.contains(&c.candidate_id)).collect();
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        for contact in &chosen {
            sqlx::query(ERASE).bind(contact.candidate_id).bind(actor.municipality_id).bind(now)
                .execute(&mut *tx).await?;
            for (field, value) in [("contact_name", &contact.name), ("contact_email", &contact.email),
                                   ("contact_phone", &contact.phone)] {
                if !value.is_empty() {
                    sqlx::query(AUDIT).bind(contact.candidate_id).bind(actor.user_id).bind(now).bind(field)
                        .execute(&mut *tx).await?;
                }
            }
        }
        tx.commit().await
    })?;
    Ok(chosen.len())
}
