//! The rules of administration, free of HTTP: every function asks the policy first, validates
//! the whole input (reporting every problem at once), then writes through `store::apply`.

use crate::admin::model::{
    ConsortiumAdmin, ConsortiumRoleForm, Department, DepartmentForm, DepartmentsAdmin, MunicipalityForm,
    MunicipalitySettings, SettingsForm, UserAdmin, UserForm, UsersAdmin, PATH_SEPARATOR,
};
use crate::admin::store::{self, DepartmentRef, Move, Op, Parent};
use crate::candidates::benefit::Economics;
use crate::candidates::model::WorkingTime;
use crate::common::error::{AppError, AppResult, FieldError, Invalid};
use crate::common::locale::Locale;
use crate::db::Db;
use crate::identity::model::{Actor, Role};
use crate::identity::policy;
use crate::identity::store::normalise_email;

pub const NAME_MAX: u32 = 100;
pub const PASSWORD_MIN: u32 = 12;
pub const PASSWORD_MAX: u32 = 1024;

/// The signed-in admin of their own municipality, or why not.
pub fn admin(actor: Option<&Actor>) -> AppResult<&Actor> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    policy::may_manage_municipality(actor, actor.municipality_id)?;
    Ok(actor)
}

/// Collects field problems so that a form hears about all of them at once.
#[derive(Default)]
pub(super) struct Problems(Vec<FieldError>);

impl Problems {
    pub(super) fn add(&mut self, field: &str, problem: Invalid) {
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError { field: field.to_owned(), problem });
        }
    }

    pub(super) fn into_result(self) -> AppResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }

    pub(super) fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}

/// A department's or person's name: trimmed, required, bounded; department names may not
/// hold the path separator.
pub(super) fn name(problems: &mut Problems, field: &str, value: &str, is_department: bool) -> String {
    let value = value.trim();
    if value.is_empty() {
        problems.add(field, Invalid::Required);
    } else if value.chars().count() > NAME_MAX as usize {
        problems.add(field, Invalid::TooLong { max: NAME_MAX });
    } else if is_department && value.contains(PATH_SEPARATOR) {
        problems.add(field, Invalid::ForbiddenCharacter { ch: PATH_SEPARATOR });
    } else if value.chars().any(char::is_control) {
        problems.add(field, Invalid::ForbiddenCharacter { ch: ' ' });
    }
    value.to_owned()
}

/// An address someone can receive mail at, as far as a form can tell: one `@` with something
/// on both sides, a dot in the domain, no spaces.
pub(super) fn email(problems: &mut Problems, field: &str, value: &str) -> String {
    let value = normalise_email(value);
    if value.is_empty() {
        problems.add(field, Invalid::Required);
        return value;
    }
    if value.len() > crate::identity::auth::service::EMAIL_MAX {
        problems.add(field, Invalid::TooLong { max: crate::identity::auth::service::EMAIL_MAX as u32 });
        return value;
    }
    let well_formed = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if !well_formed {
        problems.add(field, Invalid::NotAnEmail);
    }
    value
}

fn parse_roles(problems: &mut Problems, field: &str, names: &[String]) -> Vec<Role> {
    let mut roles = Vec::new();
    for name in names {
        match Role::parse(name.trim()) {
            Some(role) if !roles.contains(&role) => roles.push(role),
            Some(_) => {}
            None => problems.add(field, Invalid::UnknownChoice),
        }
    }
    roles
}

/// The roles a person ends up with: what the admin may grant as asked, the rest as it was.
/// Asking to change a role the admin may not grant is refused outright.
pub(super) fn merge_roles(
    problems: &mut Problems,
    field: &str,
    actor: &Actor,
    municipality_id: i64,
    current: &[Role],
    asked: &[Role],
) -> Vec<Role> {
    let mut result = Vec::new();
    for role in Role::ALL {
        let has = current.contains(role);
        let wants = asked.contains(role);
        if policy::may_grant_role(actor, municipality_id, *role) {
            if wants {
                result.push(*role);
            }
        } else {
            if has != wants && wants {
                problems.add(field, Invalid::NotGrantable);
            }
            if has {
                result.push(*role);
            }
        }
    }
    result
}

fn parse_limits(problems: &mut Problems, field: &str, values: &[String], departments: &[DepartmentRef]) -> Vec<i64> {
    let mut ids = Vec::new();
    for value in values.iter().filter(|v| !v.trim().is_empty()) {
        match value.trim().parse::<i64>().ok().filter(|id| departments.iter().any(|d| d.id == *id)) {
            Some(id) if !ids.contains(&id) => ids.push(id),
            Some(_) => {}
            None => problems.add(field, Invalid::UnknownChoice),
        }
    }
    ids
}

fn password(problems: &mut Problems, field: &str, value: &str) -> AppResult<Option<String>> {
    if value.is_empty() {
        return Ok(None);
    }
    let length = value.chars().count();
    if length < PASSWORD_MIN as usize {
        problems.add(field, Invalid::TooShort { min: PASSWORD_MIN });
        return Ok(None);
    }
    if length > PASSWORD_MAX as usize {
        problems.add(field, Invalid::TooLong { max: PASSWORD_MAX });
        return Ok(None);
    }
    crate::identity::auth::hash_password(value).map(Some)
}

/// The ids of every consortium admin, for the rule that the consortium keeps one.
async fn consortium_admins(db: &Db) -> AppResult<Vec<i64>> {
    Ok(store::consortium_people(db)
        .await?
        .into_iter()
        .filter(|p| p.role == Role::ConsortiumAdmin)
        .map(|p| p.user_id)
        .collect())
}

/// Whether a change takes something away from the person: a role, or (for a coordinator who
/// stays one) a change of the departments they are limited to. It ends their sessions and
/// API tokens, so that what they may no longer do stops at once everywhere.
pub(super) fn shrinks(current_roles: &[Role], current_limits: &[i64], roles: &[Role], limits: &[i64]) -> bool {
    current_roles.iter().any(|r| !roles.contains(r))
        || (roles.contains(&Role::Coordinator) && !same_set(current_limits, limits))
}

/// Whether `a` and `b` hold the same items (each list without repeats), in any order.
pub(super) fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// Removing the last municipality admin would leave nobody to manage the municipality.
fn keeps_an_admin(admins: &[i64], user_id: i64, keeps_role: bool) -> bool {
    keeps_role || admins.iter().any(|id| *id != user_id)
}

fn grantable(actor: &Actor) -> Vec<Role> {
    Role::ALL.iter().copied().filter(|r| policy::may_grant_role(actor, actor.municipality_id, *r)).collect()
}

fn write_failed(field: &'static str) -> impl FnOnce(sqlx::Error) -> AppError {
    move |error| {
        if store::is_conflict(&error) {
            AppError::invalid(field, Invalid::Taken)
        } else {
            AppError::from(error)
        }
    }
}

// ---- departments ---------------------------------------------------------------------------

pub async fn departments(db: &Db, actor: Option<&Actor>) -> AppResult<DepartmentsAdmin> {
    let actor = admin(actor)?;
    Ok(DepartmentsAdmin {
        municipality: store::municipality_name(db, actor.municipality_id).await?,
        departments: store::departments(db, actor.municipality_id).await?,
    })
}

/// Sibling names are unique regardless of case (the database says so too).
fn name_taken(departments: &[DepartmentRef], parent_id: Option<i64>, name: &str, except: Option<i64>) -> bool {
    let name = name.to_lowercase();
    departments.iter().any(|d| d.parent_id == parent_id && d.name.to_lowercase() == name && Some(d.id) != except)
}

fn parse_parent(problems: &mut Problems, value: &str, departments: &[DepartmentRef]) -> Option<DepartmentRef> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let found = value.parse::<i64>().ok().and_then(|id| departments.iter().find(|d| d.id == id));
    if found.is_none() {
        problems.add("parent_id", Invalid::UnknownChoice);
    }
    found.cloned()
}

pub async fn create_department(db: &Db, actor: Option<&Actor>, form: &DepartmentForm) -> AppResult<i64> {
    let actor = admin(actor)?;
    let existing = store::department_refs(db, actor.municipality_id).await?;
    let mut problems = Problems::default();
    let name = name(&mut problems, "name", &form.name, true);
    let parent = parse_parent(&mut problems, &form.parent_id, &existing);
    if name_taken(&existing, parent.as_ref().map(|p| p.id), &name, None) {
        problems.add("name", Invalid::Taken);
    }
    problems.into_result()?;
    let parent = parent.map_or(Parent::Top, |p| Parent::Existing(p.id, p.path));
    let ids = store::apply(db, actor.municipality_id, &[Op::CreateDepartment { name, parent }])
        .await
        .map_err(write_failed("name"))?;
    tracing::info!(admin = actor.user_id, department = ?ids.first(), "department added");
    ids.first().copied().ok_or(AppError::Internal)
}

pub async fn update_department(db: &Db, actor: Option<&Actor>, id: i64, form: &DepartmentForm) -> AppResult<()> {
    let actor = admin(actor)?;
    let existing = store::department_refs(db, actor.municipality_id).await?;
    let current = existing.iter().find(|d| d.id == id).cloned().ok_or(AppError::NotFound)?;
    let mut problems = Problems::default();
    let name = name(&mut problems, "name", &form.name, true);
    let parent = parse_parent(&mut problems, &form.parent_id, &existing);
    if parent.as_ref().is_some_and(|p| p.path.starts_with(&current.path)) {
        problems.add("parent_id", Invalid::InsideItself);
    }
    let parent_id = parent.as_ref().map(|p| p.id);
    if name_taken(&existing, parent_id, &name, Some(id)) {
        problems.add("name", Invalid::Taken);
    }
    problems.into_result()?;
    let moved_to = (parent_id != current.parent_id).then(|| Move {
        parent_id,
        new_path: format!("{}{id}/", parent.as_ref().map_or("/", |p| p.path.as_str())),
        old_path: current.path.clone(),
    });
    store::apply(db, actor.municipality_id, &[Op::UpdateDepartment { id, name, moved_to }])
        .await
        .map_err(write_failed("name"))?;
    tracing::info!(admin = actor.user_id, department = id, "department changed");
    Ok(())
}

/// Only an empty department goes: no departments below it, no candidates in it.
pub async fn delete_department(db: &Db, actor: Option<&Actor>, id: i64) -> AppResult<()> {
    let actor = admin(actor)?;
    let departments = store::departments(db, actor.municipality_id).await?;
    let department = departments.iter().find(|d| d.id == id).ok_or(AppError::NotFound)?;
    if department.children > 0 || department.candidates > 0 {
        return Err(AppError::invalid("department", Invalid::InUse));
    }
    store::apply(db, actor.municipality_id, &[Op::DeleteDepartment { id }]).await.map_err(|e| {
        // A candidate reported in the meantime holds a reference.
        if matches!(&e, sqlx::Error::Database(d) if d.is_foreign_key_violation()) {
            AppError::invalid("department", Invalid::InUse)
        } else {
            AppError::from(e)
        }
    })?;
    tracing::info!(admin = actor.user_id, department = id, "department deleted");
    Ok(())
}

/// The path of names from the top, for CSV and for people who read it.
pub fn path_label(departments: &[Department], id: i64) -> String {
    let mut names = Vec::new();
    let mut next = Some(id);
    while let Some(current) = next.and_then(|id| departments.iter().find(|d| d.id == id)) {
        names.push(current.name.as_str());
        next = current.parent_id;
        if names.len() > departments.len() {
            break;
        }
    }
    names.reverse();
    names.join(&format!(" {PATH_SEPARATOR} "))
}

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

// ---- settings ------------------------------------------------------------------------------

/// The bounds of the settings form (the database checks the same or wider).
pub const WORKING_DAYS: (i64, i64) = (1, 366);
pub const HOURS_PER_DAY: (i64, i64) = (1, 24);
pub const HOURLY_RATE: (i64, i64) = (0, 100_000);
pub const DISCOUNT_RATE: (i64, i64) = (0, 100);
pub const YEARS: (i64, i64) = (1, 30);

fn bounded(problems: &mut Problems, field: &str, value: &str, (min, max): (i64, i64), locale: Locale) -> f64 {
    match locale.parse_number(value) {
        None if value.trim().is_empty() => problems.add(field, Invalid::Required),
        None => problems.add(field, Invalid::NotANumber),
        Some(v) if v < min as f64 || v > max as f64 => problems.add(field, Invalid::OutOfRange { min, max }),
        Some(v) => return v,
    }
    0.0
}

/// The settings form checked as a whole: every problem at once, or what to store. The
/// currency is taken in capitals ("dkk" is DKK).
pub fn check_settings(form: &SettingsForm, locale: Locale) -> AppResult<(WorkingTime, Economics)> {
    let mut problems = Problems::default();
    let time = WorkingTime {
        working_days_per_year: bounded(
            &mut problems,
            "working_days_per_year",
            &form.working_days_per_year,
            WORKING_DAYS,
            locale,
        ),
        hours_per_day: bounded(&mut problems, "hours_per_day", &form.hours_per_day, HOURS_PER_DAY, locale),
    };
    let loaded_hourly_rate =
        bounded(&mut problems, "loaded_hourly_rate", &form.loaded_hourly_rate, HOURLY_RATE, locale);
    let discount_rate_pct = bounded(&mut problems, "discount_rate_pct", &form.discount_rate_pct, DISCOUNT_RATE, locale);
    let currency = form.currency.trim().to_ascii_uppercase();
    if currency.is_empty() {
        problems.add("currency", Invalid::Required);
    } else if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        problems.add("currency", Invalid::NotACurrency);
    }
    let years = bounded(&mut problems, "years", &form.years, YEARS, locale);
    if years.fract() != 0.0 {
        problems.add("years", Invalid::OutOfRange { min: YEARS.0, max: YEARS.1 });
    }
    problems.into_result()?;
    // In range and whole, checked above.
    let years = years as u32;
    Ok((time, Economics { loaded_hourly_rate, discount_rate_pct, currency, years }))
}

/// The municipality's settings, for its admins.
pub async fn settings(db: &Db, actor: Option<&Actor>) -> AppResult<MunicipalitySettings> {
    let actor = admin(actor)?;
    Ok(store::settings(db, actor.municipality_id).await?)
}

/// Saves the admin's municipality's settings; nothing is saved when anything is wrong.
pub async fn save_settings(db: &Db, actor: Option<&Actor>, form: &SettingsForm, locale: Locale) -> AppResult<()> {
    let actor = admin(actor)?;
    let (time, economics) = check_settings(form, locale)?;
    store::save_settings(db, actor.municipality_id, time, &economics).await?;
    tracing::info!(
        admin = actor.user_id,
        municipality = actor.municipality_id,
        working_days = time.working_days_per_year,
        hours_per_day = time.hours_per_day,
        hourly_rate = economics.loaded_hourly_rate,
        discount_rate = economics.discount_rate_pct,
        currency = economics.currency.as_str(),
        years = economics.years,
        "municipality settings changed"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_checked_and_normalised() {
        let mut p = Problems::default();
        assert_eq!(email(&mut p, "email", "  Ann@Example.DK "), "ann@example.dk");
        assert!(p.0.is_empty());
        for bad in
            ["ann", "ann@", "@example.dk", "ann@example", "a b@example.dk", "ann@.dk", "ann@example.dk.", "a@b@c.dk"]
        {
            let mut p = Problems::default();
            email(&mut p, "email", bad);
            assert_eq!(p.0.first().map(|e| e.problem), Some(Invalid::NotAnEmail), "{bad}");
        }
        let mut p = Problems::default();
        email(&mut p, "email", " ");
        assert_eq!(p.0.first().map(|e| e.problem), Some(Invalid::Required));
    }

    #[test]
    fn department_names_may_not_hold_the_path_separator() {
        let mut p = Problems::default();
        assert_eq!(name(&mut p, "name", " Løn/Personale ", true), "Løn/Personale");
        assert!(p.0.is_empty(), "a slash is fine");
        name(&mut p, "name", "A > B", true);
        assert_eq!(p.0.first().map(|e| e.problem), Some(Invalid::ForbiddenCharacter { ch: '>' }));
        let mut p = Problems::default();
        name(&mut p, "name", &"x".repeat(101), true);
        assert_eq!(p.0.first().map(|e| e.problem), Some(Invalid::TooLong { max: NAME_MAX }));
    }

    #[test]
    fn roles_an_admin_may_not_grant_stay_as_they_were() {
        let admin = Actor::new(1, 5, vec![Role::MunicipalityAdmin]);
        let current = [Role::Reporter, Role::ConsortiumCoordinator];
        let mut p = Problems::default();
        let merged = merge_roles(&mut p, "roles", &admin, 5, &current, &[Role::Coordinator]);
        assert_eq!(merged, vec![Role::Coordinator, Role::ConsortiumCoordinator]);
        assert!(p.0.is_empty(), "leaving out a role one may not grant keeps it");
        let mut p = Problems::default();
        merge_roles(&mut p, "roles", &admin, 5, &[], &[Role::ConsortiumAdmin]);
        assert_eq!(p.0.first().map(|e| e.problem), Some(Invalid::NotGrantable));
    }

    #[test]
    fn the_last_admin_keeps_the_role() {
        assert!(!keeps_an_admin(&[7], 7, false));
        assert!(keeps_an_admin(&[7], 7, true));
        assert!(keeps_an_admin(&[7, 8], 7, false));
        assert!(keeps_an_admin(&[8], 7, false));
    }

    fn settings_form() -> SettingsForm {
        SettingsForm {
            working_days_per_year: "220".into(),
            hours_per_day: "7,4".into(),
            loaded_hourly_rate: "450".into(),
            discount_rate_pct: "4".into(),
            currency: " eur ".into(),
            years: "5".into(),
        }
    }

    #[test]
    fn settings_are_read_in_the_language_and_bounded() {
        let (time, economics) = check_settings(&settings_form(), Locale::Da).expect("valid");
        assert_eq!((time.working_days_per_year, time.hours_per_day), (220.0, 7.4));
        assert_eq!((economics.currency.as_str(), economics.years), ("EUR", 5));
        let bad = SettingsForm {
            working_days_per_year: "400".into(),
            hours_per_day: String::new(),
            loaded_hourly_rate: "-1".into(),
            discount_rate_pct: "many".into(),
            currency: "D1K".into(),
            years: "2,5".into(),
        };
        let Err(AppError::Invalid(errors)) = check_settings(&bad, Locale::Da) else { panic!("refused") };
        let problems: Vec<(&str, Invalid)> = errors.iter().map(|e| (e.field.as_str(), e.problem)).collect();
        assert_eq!(
            problems,
            vec![
                ("working_days_per_year", Invalid::OutOfRange { min: 1, max: 366 }),
                ("hours_per_day", Invalid::Required),
                ("loaded_hourly_rate", Invalid::OutOfRange { min: 0, max: 100_000 }),
                ("discount_rate_pct", Invalid::NotANumber),
                ("currency", Invalid::NotACurrency),
                ("years", Invalid::OutOfRange { min: 1, max: 30 }),
            ]
        );
        for currency in ["DK", "DKKK", "ØRE", ""] {
            let form = SettingsForm { currency: currency.into(), ..settings_form() };
            assert!(check_settings(&form, Locale::En).is_err(), "{currency}");
        }
    }
}
