//! The consortium: its member municipalities and consortium-wide roles.

use super::*;
use crate::admin::model::{ConsortiumAdmin, ConsortiumRoleForm, MunicipalityForm};
use crate::admin::store::{self};
use crate::common::error::{AppError, AppResult, Invalid};
use crate::db::Db;
use crate::identity::model::{Actor, Role};
use crate::identity::policy;

// ---- the consortium ------------------------------------------------------------------------

pub const CODE_MAX: u32 = 20;

/// The signed-in consortium admin, or why not.
fn consortium_admin(actor: Option<&Actor>) -> AppResult<&Actor> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    policy::may_manage_consortium(actor)?;
    Ok(actor)
}

pub async fn consortium(db: &Db, actor: Option<&Actor>) -> AppResult<ConsortiumAdmin> {
    consortium_admin(actor)?;
    Ok(ConsortiumAdmin { members: store::members(db).await?, people: store::consortium_people(db).await? })
}

/// A municipality's code: its official number or short name (`751`, `aarhus`); letters, digits
/// and dashes.
fn code(problems: &mut Problems, field: &str, value: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        problems.add(field, Invalid::Required);
    } else if value.chars().count() > CODE_MAX as usize {
        problems.add(field, Invalid::TooLong { max: CODE_MAX });
    } else if let Some(ch) = value.chars().find(|c| !(c.is_alphanumeric() || *c == '-')) {
        problems.add(field, Invalid::ForbiddenCharacter { ch });
    }
    value.to_owned()
}

/// Checks a new member and its first admin; the password is required (single sign-on can
/// only be set up by that admin afterwards).
async fn checked_municipality(db: &Db, form: &MunicipalityForm) -> AppResult<(String, String, String, String, String)> {
    let mut problems = Problems::default();
    let code = code(&mut problems, "code", &form.code);
    let municipality = name(&mut problems, "name", &form.name, false);
    let email = email(&mut problems, "admin_email", &form.admin_email);
    let admin_name = name(&mut problems, "admin_name", &form.admin_name, false);
    if form.admin_password.is_empty() {
        problems.add("admin_password", Invalid::Required);
    }
    let hash = password(&mut problems, "admin_password", &form.admin_password)?;
    if problems.0.iter().all(|e| e.field != "code" && e.field != "name")
        && store::municipality_taken(db, &code, &municipality).await?
    {
        problems.add("code", Invalid::Taken);
    }
    if problems.0.iter().all(|e| e.field != "admin_email") && store::email_taken(db, &email).await? {
        problems.add("admin_email", Invalid::Taken);
    }
    problems.into_result()?;
    Ok((code, municipality, email, admin_name, hash.unwrap_or_default()))
}

/// Adds a member municipality with its first municipality admin (consortium admins only).
pub async fn add_municipality(db: &Db, actor: Option<&Actor>, form: &MunicipalityForm) -> AppResult<i64> {
    let actor = consortium_admin(actor)?;
    let (id, _) = create_municipality(db, form, &[Role::Reporter, Role::MunicipalityAdmin]).await?;
    tracing::info!(admin = actor.user_id, municipality = id, "member municipality added");
    Ok(id)
}

/// The same without a signed-in person: for the operator's `autoport add-municipality`, which
/// is how the very first municipality and consortium admin come to be. Returns (municipality, user).
pub async fn create_municipality(db: &Db, form: &MunicipalityForm, roles: &[Role]) -> AppResult<(i64, i64)> {
    let (code, name, email, admin_name, hash) = checked_municipality(db, form).await?;
    store::create_municipality(db, &code, &name, (&email, &admin_name, &hash), roles)
        .await
        .map_err(write_failed("code"))
}

fn consortium_role(problems: &mut Problems, value: &str) -> Option<Role> {
    let role = Role::parse(value.trim()).filter(|r| r.is_consortium_wide());
    if role.is_none() {
        problems.add("role", Invalid::UnknownChoice);
    }
    role
}

/// Gives a consortium-wide role to someone of any member municipality, found by e-mail.
pub async fn grant_consortium_role(db: &Db, actor: Option<&Actor>, form: &ConsortiumRoleForm) -> AppResult<()> {
    let actor = consortium_admin(actor)?;
    let mut problems = Problems::default();
    let email = email(&mut problems, "email", &form.email);
    let role = consortium_role(&mut problems, &form.role);
    let user = match problems.0.iter().any(|e| e.field == "email") {
        true => None,
        false => store::user_by_email(db, &email).await?,
    };
    if user.is_none() {
        problems.add("email", Invalid::UnknownChoice);
    }
    problems.into_result()?;
    let (Some(user), Some(role)) = (user, role) else { return Err(AppError::Internal) };
    store::grant_role(db, user, role).await?;
    tracing::info!(admin = actor.user_id, user, role = role.as_str(), "consortium role granted");
    Ok(())
}

/// Takes a consortium-wide role away; the consortium keeps at least one admin.
pub async fn revoke_consortium_role(db: &Db, actor: Option<&Actor>, user_id: i64, role: &str) -> AppResult<()> {
    let actor = consortium_admin(actor)?;
    let role = Role::parse(role.trim())
        .filter(|r| r.is_consortium_wide())
        .ok_or_else(|| AppError::invalid("role", Invalid::UnknownChoice))?;
    if role == Role::ConsortiumAdmin {
        let admins = consortium_admins(db).await?;
        if !keeps_an_admin(&admins, user_id, false) {
            return Err(AppError::invalid("role", Invalid::LastAdmin));
        }
    }
    if !store::revoke_role(db, user_id, role).await? {
        return Err(AppError::NotFound);
    }
    // What they may no longer do stops at once, in every session and token.
    store::end_access(db, user_id).await?;
    tracing::info!(admin = actor.user_id, user = user_id, role = role.as_str(), "consortium role taken away");
    Ok(())
}
