//! People and their roles: adding, changing and erasing a person.

use super::*;
use crate::admin::model::{UserAdmin, UserForm, UsersAdmin};
use crate::admin::store::{self, Op};
use crate::common::error::{AppError, AppResult, Invalid};
use crate::db::Db;
use crate::identity::model::{Actor, Role};
use crate::identity::policy;

// ---- people --------------------------------------------------------------------------------

pub async fn users(db: &Db, actor: Option<&Actor>) -> AppResult<UsersAdmin> {
    let actor = admin(actor)?;
    Ok(UsersAdmin {
        municipality: store::municipality_name(db, actor.municipality_id).await?,
        users: store::people(db, actor.municipality_id).await?,
        departments: store::departments(db, actor.municipality_id).await?,
        grantable: grantable(actor),
    })
}

/// One person of the admin's municipality; another municipality's person is not found.
pub async fn user(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<UserAdmin> {
    let actor = admin(actor)?;
    let person = store::person(db, actor.municipality_id, id).await?.ok_or(AppError::NotFound)?;
    let consortium_admins = consortium_admins(db).await?;
    Ok(UserAdmin {
        may_erase: policy::may_erase_person(actor, actor.municipality_id, person.id, &person.roles, &consortium_admins)
            .is_ok(),
        user: person,
        departments: store::departments(db, actor.municipality_id).await?,
        grantable: grantable(actor),
    })
}

pub async fn create_user(db: &Db, actor: Option<&Actor>, form: &UserForm) -> AppResult<i64> {
    let actor = admin(actor)?;
    let departments = store::department_refs(db, actor.municipality_id).await?;
    let mut problems = Problems::default();
    let email = email(&mut problems, "email", &form.email);
    let display_name = name(&mut problems, "display_name", &form.display_name, false);
    let asked = parse_roles(&mut problems, "roles", &form.roles);
    let roles = merge_roles(&mut problems, "roles", actor, actor.municipality_id, &[], &asked);
    let limits = parse_limits(&mut problems, "departments", &form.departments, &departments);
    let password_hash = password(&mut problems, "password", &form.password)?;
    if problems.0.iter().all(|e| e.field != "email") && store::email_taken(db, &email).await? {
        problems.add("email", Invalid::Taken);
    }
    problems.into_result()?;
    let limited_to = if roles.contains(&Role::Coordinator) { limits } else { Vec::new() };
    let op = Op::CreateUser { email, display_name, password_hash, roles, limited_to };
    let ids = store::apply(db, actor.municipality_id, &[op]).await.map_err(write_failed("email"))?;
    tracing::info!(admin = actor.user_id, user = ?ids.first(), "person added");
    ids.first().copied().ok_or(AppError::Internal)
}

pub async fn update_user(db: &Db, actor: Option<&Actor>, id: i64, form: &UserForm) -> AppResult<()> {
    let actor = admin(actor)?;
    let person = store::person(db, actor.municipality_id, id).await?.ok_or(AppError::NotFound)?;
    let departments = store::department_refs(db, actor.municipality_id).await?;
    let mut problems = Problems::default();
    let display_name = name(&mut problems, "display_name", &form.display_name, false);
    let asked = parse_roles(&mut problems, "roles", &form.roles);
    let roles = merge_roles(&mut problems, "roles", actor, actor.municipality_id, &person.roles, &asked);
    let limits = parse_limits(&mut problems, "departments", &form.departments, &departments);
    let limited_to = if roles.contains(&Role::Coordinator) { limits } else { Vec::new() };
    // The password, the roles and the limits are what lets a person in and what they may do:
    // nobody changes those of a person above them. Their name is anyone's to correct.
    let new_password = !form.password.is_empty();
    let new_powers = !same_set(&person.roles, &roles) || !same_set(&person.limited_to, &limited_to);
    if new_password || new_powers {
        policy::may_change_person(actor, actor.municipality_id, &person.roles)?;
    }
    let password_hash = password(&mut problems, "password", &form.password)?;
    let admins = store::admins(db, actor.municipality_id).await?;
    if !keeps_an_admin(&admins, id, roles.contains(&Role::MunicipalityAdmin)) {
        problems.add("roles", Invalid::LastAdmin);
    }
    problems.into_result()?;
    let end_access = password_hash.is_some() || shrinks(&person.roles, &person.limited_to, &roles, &limited_to);
    let op = Op::UpdateUser { id, display_name, password_hash, roles, limited_to, end_access };
    store::apply(db, actor.municipality_id, &[op]).await?;
    tracing::info!(admin = actor.user_id, user = id, end_access, "person changed");
    Ok(())
}

/// Erases a person (GDPR art. 17): name, e-mail, password and single sign-on link are gone,
/// their sessions end with the next request, and records they made show "former employee".
pub async fn erase_user(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<()> {
    let actor = admin(actor)?;
    let person = store::person(db, actor.municipality_id, id).await?.ok_or(AppError::NotFound)?;
    policy::may_erase_person(actor, actor.municipality_id, person.id, &person.roles, &consortium_admins(db).await?)?;
    store::apply(db, actor.municipality_id, &[Op::EraseUser { id }]).await?;
    tracing::info!(admin = actor.user_id, user = id, "person erased");
    Ok(())
}
