//! The rules of administration, free of HTTP: every function asks the policy first, validates
//! the whole input (reporting every problem at once), then writes through `store::apply`.

use crate::admin::model::PATH_SEPARATOR;
use crate::admin::store::{self, DepartmentRef};
use crate::common::error::{AppError, AppResult, FieldError, Invalid};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::model::SettingsForm;
    use crate::common::locale::Locale;

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

mod departments;
pub use departments::*;
mod people;
pub use people::*;
mod consortium;
pub use consortium::*;
mod settings;
pub use settings::*;
