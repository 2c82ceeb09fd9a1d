//! Turning the report form as typed into a candidate we can store, or field messages.

use crate::candidates::model::{CandidateForm, Period, Visibility};
use crate::common::error::{AppError, FieldError, Invalid};
use crate::common::locale::Locale;

pub const TITLE_MAX: u32 = 200;
pub const DESCRIPTION_MAX: u32 = 5_000;
pub const VOLUME_MAX: i64 = 1_000_000;
/// A comment is a message, not an essay (and not OS2autoproces' 140 characters either).
pub const COMMENT_MAX: u32 = 4_000;
/// A case longer than a working month is not one case.
pub const MINUTES_MAX: i64 = 10_000;

/// A report that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCandidate {
    pub title: String,
    pub description: String,
    pub department_id: Option<i64>,
    pub volume: f64,
    pub period: Period,
    pub minutes_per_case: f64,
    pub visibility: Visibility,
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, field: &str, problem: Invalid) {
        self.errors.push(FieldError { field: field.to_owned(), problem });
    }

    fn text(&mut self, field: &str, value: &str, max: u32) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.fail(field, Invalid::Required);
        } else if value.chars().count() > max as usize {
            self.fail(field, Invalid::TooLong { max });
        }
        value.to_owned()
    }

    fn number(&mut self, field: &str, value: &str, max: i64, locale: Locale) -> f64 {
        if value.trim().is_empty() {
            self.fail(field, Invalid::Required);
            return 0.0;
        }
        match locale.parse_number(value) {
            None => {
                self.fail(field, Invalid::NotANumber);
                0.0
            }
            Some(n) if n < 0.0 || n > max as f64 => {
                self.fail(field, Invalid::OutOfRange { min: 0, max });
                0.0
            }
            Some(n) => n,
        }
    }
}

/// Checks every field and reports every problem at once.
pub fn validate(form: &CandidateForm, locale: Locale) -> Result<NewCandidate, AppError> {
    let mut check = Checker { errors: Vec::new() };
    let title = check.text("title", &form.title, TITLE_MAX);
    let description = check.text("description", &form.description, DESCRIPTION_MAX);
    let volume = check.number("volume", &form.volume, VOLUME_MAX, locale);
    let minutes_per_case = check.number("minutes_per_case", &form.minutes_per_case, MINUTES_MAX, locale);
    let period = Period::parse(form.period.trim()).unwrap_or_else(|| {
        check.fail("period", Invalid::UnknownChoice);
        Period::Week
    });
    let visibility = match form.visibility.trim() {
        "" => Visibility::Municipality,
        v => Visibility::parse(v).unwrap_or_else(|| {
            check.fail("visibility", Invalid::UnknownChoice);
            Visibility::Municipality
        }),
    };
    let department_id = match form.department_id.trim() {
        "" => None,
        d => match d.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                check.fail("department_id", Invalid::UnknownChoice);
                None
            }
        },
    };
    if !check.errors.is_empty() {
        return Err(AppError::Invalid(check.errors));
    }
    Ok(NewCandidate { title, description, department_id, volume, period, minutes_per_case, visibility })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CandidateForm {
        CandidateForm {
            title: "  Book-keeping of travel claims ".into(),
            description: "Claims are typed from PDF into the payroll system.".into(),
            department_id: "3".into(),
            volume: "12,5".into(),
            period: "week".into(),
            minutes_per_case: "20".into(),
            visibility: "consortium".into(),
        }
    }

    #[test]
    fn accepts_a_good_report_and_trims() {
        let c = validate(&form(), Locale::Da).expect("valid");
        assert_eq!(c.title, "Book-keeping of travel claims");
        assert_eq!(c.department_id, Some(3));
        assert_eq!(c.volume, 12.5);
        assert_eq!(c.period, Period::Week);
        assert_eq!(c.visibility, Visibility::Consortium);
    }

    #[test]
    fn reports_every_problem_at_once() {
        let bad = CandidateForm {
            title: " ".into(),
            description: "x".repeat(5_001),
            department_id: "abc".into(),
            volume: "many".into(),
            period: "fortnight".into(),
            minutes_per_case: "-5".into(),
            visibility: "everyone".into(),
        };
        let err = validate(&bad, Locale::En).expect_err("invalid");
        assert_eq!(err.field("title"), Some(Invalid::Required));
        assert_eq!(err.field("description"), Some(Invalid::TooLong { max: DESCRIPTION_MAX }));
        assert_eq!(err.field("department_id"), Some(Invalid::UnknownChoice));
        assert_eq!(err.field("volume"), Some(Invalid::NotANumber));
        assert_eq!(err.field("period"), Some(Invalid::UnknownChoice));
        assert_eq!(err.field("minutes_per_case"), Some(Invalid::OutOfRange { min: 0, max: MINUTES_MAX }));
        assert_eq!(err.field("visibility"), Some(Invalid::UnknownChoice));
    }

    #[test]
    fn empty_numbers_are_required_and_department_is_optional() {
        let f = CandidateForm { volume: "".into(), department_id: "".into(), ..form() };
        let err = validate(&f, Locale::En).expect_err("volume missing");
        assert_eq!(err.field("volume"), Some(Invalid::Required));
        assert_eq!(err.field("department_id"), None);
        let f = CandidateForm { department_id: " ".into(), visibility: "".into(), ..form() };
        let ok = validate(&f, Locale::En).expect("valid");
        assert_eq!((ok.department_id, ok.visibility), (None, Visibility::Municipality));
    }

    #[test]
    fn title_length_counts_characters_not_bytes() {
        let f = CandidateForm { title: "æ".repeat(200), ..form() };
        assert!(validate(&f, Locale::Da).is_ok());
        let f = CandidateForm { title: "æ".repeat(201), ..form() };
        assert_eq!(validate(&f, Locale::Da).expect_err("long").field("title"), Some(Invalid::TooLong { max: 200 }));
    }
}
