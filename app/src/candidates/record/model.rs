//! The full candidate record: every field group of DESIGN.md beyond the quick report, which
//! groups a phase asks for, and checking the edit form as typed.

use crate::candidates::model::{CandidateForm, Phase};
use crate::candidates::validate::{validate, NewCandidate, DESCRIPTION_MAX};
use crate::common::error::{AppError, FieldError, Invalid};
use crate::common::locale::Locale;
use crate::identity::model::PersonRef;
use serde::{Deserialize, Serialize};

pub const TEXT_MAX: u32 = 5_000;
pub const SHORT_MAX: u32 = 200;
pub const LABELS_MAX: usize = 20;
pub const MONEY_MAX: i64 = 1_000_000_000;

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// The parts of the record, shown progressively: a group appears from the phase where the
/// work needs it (a fresh idea is not asked for its build cost).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Group {
    Basics,
    Volume,
    People,
    Characteristics,
    Legal,
    Cost,
}

impl Group {
    pub const ALL: [Group; 6] =
        [Group::Basics, Group::Volume, Group::People, Group::Characteristics, Group::Legal, Group::Cost];

    pub fn from_phase(self) -> Phase {
        match self {
            Group::Basics | Group::Volume | Group::People => Phase::Idea,
            Group::Characteristics | Group::Legal => Phase::Assessment,
            Group::Cost => Phase::Analysis,
        }
    }

    /// The edit form's fields ([`RecordForm`]) in this group.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Group::Basics => &[
                "title",
                "description",
                "problem_today",
                "desired_outcome",
                "department_id",
                "visibility",
                "external_id",
                "taxonomy_code",
                "tags",
                "subject_areas",
            ],
            Group::Volume => &[
                "volume",
                "period",
                "minutes_per_case",
                "error_rate_pct",
                "rework_minutes",
                "review_minutes",
                "automation_share_pct",
            ],
            Group::People => &["owner_id", "contact_name", "contact_email", "contact_phone", "internal_notes"],
            Group::Characteristics => &[
                "input_digital",
                "input_structured",
                "rule_based",
                "stable",
                "exceptions_pct",
                "systems_count",
                "it_systems",
                "technologies",
            ],
            Group::Legal => &["legal_basis", "legal_verified_on"],
            Group::Cost => &["build_cost", "annual_run_cost"],
        }
    }

    /// The group holding the edit form's field `name`.
    pub fn of_field(name: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.fields().contains(&name))
    }

    pub fn shown_in(self, phase: Phase) -> bool {
        let at = |p: Phase| Phase::ALL.iter().position(|x| *x == p).unwrap_or(0);
        at(phase) >= at(self.from_phase())
    }
}

/// A functional contact for the candidate (personal data: sealed at rest).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The record beyond the quick report, as the reader may see it. Internal notes and the
/// contact are `None` for readers outside the candidate's municipality.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CandidateRecord {
    pub problem_today: Option<String>,
    pub desired_outcome: Option<String>,
    pub external_id: Option<String>,
    pub taxonomy_code: Option<String>,
    pub legal_basis: Option<String>,
    #[serde(with = "iso_date::option")]
    pub legal_verified_on: Option<time::Date>,
    pub owner: Option<PersonRef>,
    pub contact: Option<Contact>,
    pub error_rate_pct: Option<f64>,
    pub rework_minutes: Option<f64>,
    pub review_minutes: Option<f64>,
    pub automation_share_pct: Option<f64>,
    pub input_digital: Option<bool>,
    pub input_structured: Option<bool>,
    pub rule_based: Option<bool>,
    pub stable: Option<bool>,
    pub exceptions_pct: Option<f64>,
    pub systems_count: Option<i64>,
    pub build_cost: Option<f64>,
    pub annual_run_cost: Option<f64>,
    pub internal_notes: Option<String>,
    pub tags: Vec<String>,
    pub subject_areas: Vec<String>,
    pub it_systems: Vec<String>,
    pub technologies: Vec<String>,
}

/// The edit form as typed: text throughout, so that every mistake becomes a field message.
/// Groups the candidate's phase does not show are not posted and keep their values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(example = json!({"problem_today": "Claims are typed from PDF forms.",
    "tags": ["travel", "finance"], "volume": 40, "legal_basis": "Travel regulation § 3"})))]
#[serde(default)]
pub struct RecordForm {
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub candidate_id: i64,
    pub title: String,
    pub description: String,
    pub problem_today: String,
    pub desired_outcome: String,
    pub department_id: String,
    pub visibility: String,
    pub external_id: String,
    pub taxonomy_code: String,
    pub tags: String,
    pub subject_areas: String,
    pub volume: String,
    pub period: String,
    pub minutes_per_case: String,
    pub error_rate_pct: String,
    pub rework_minutes: String,
    pub review_minutes: String,
    pub automation_share_pct: String,
    pub owner_id: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub internal_notes: String,
    pub input_digital: String,
    pub input_structured: String,
    pub rule_based: String,
    pub stable: String,
    pub exceptions_pct: String,
    pub systems_count: String,
    pub it_systems: String,
    pub technologies: String,
    pub legal_basis: String,
    pub legal_verified_on: String,
    pub build_cost: String,
    pub annual_run_cost: String,
}

/// What the edit page needs: the form as stored, the phase (which groups to show), and the
/// choices for department and owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditContext {
    pub form: RecordForm,
    pub title: String,
    pub phase: Phase,
    pub departments: Vec<crate::candidates::model::DepartmentChoice>,
    /// (id, name) of the municipality's people.
    pub people: Vec<(i64, String)>,
}

/// A checked edit: the quick fields, and per group shown, its values.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordUpdate {
    pub basics: NewCandidate,
    pub problem_today: Option<String>,
    pub desired_outcome: Option<String>,
    pub external_id: Option<String>,
    pub taxonomy_code: Option<String>,
    pub tags: Vec<String>,
    pub subject_areas: Vec<String>,
    pub error_rate_pct: Option<f64>,
    pub rework_minutes: Option<f64>,
    pub review_minutes: Option<f64>,
    pub automation_share_pct: Option<f64>,
    pub owner_id: Option<i64>,
    pub contact: Contact,
    pub internal_notes: Option<String>,
    /// `None` when the phase does not show the group: keep what is stored.
    pub characteristics: Option<Characteristics>,
    pub legal: Option<(Option<String>, Option<time::Date>)>,
    pub cost: Option<(Option<f64>, Option<f64>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Characteristics {
    pub input_digital: Option<bool>,
    pub input_structured: Option<bool>,
    pub rule_based: Option<bool>,
    pub stable: Option<bool>,
    pub exceptions_pct: Option<f64>,
    pub systems_count: Option<i64>,
    pub it_systems: Vec<String>,
    pub technologies: Vec<String>,
}

struct Check {
    errors: Vec<FieldError>,
    locale: Locale,
}

impl Check {
    fn fail(&mut self, field: &str, problem: Invalid) {
        self.errors.push(FieldError { field: field.to_owned(), problem });
    }

    fn text(&mut self, field: &str, value: &str, max: u32) -> Option<String> {
        let value = value.trim();
        if value.chars().count() > max as usize {
            self.fail(field, Invalid::TooLong { max });
        }
        (!value.is_empty()).then(|| value.to_owned())
    }

    /// One line: no line breaks or control characters (they end up in CSV cells and headers).
    fn line(&mut self, field: &str, value: &str, max: u32) -> Option<String> {
        if let Some(ch) = value.trim().chars().find(|c| c.is_control()) {
            self.fail(field, Invalid::ForbiddenCharacter { ch });
            return None;
        }
        self.text(field, value, max)
    }

    fn number(&mut self, field: &str, value: &str, max: i64) -> Option<f64> {
        if value.trim().is_empty() {
            return None;
        }
        match self.locale.parse_number(value) {
            None => {
                self.fail(field, Invalid::NotANumber);
                None
            }
            Some(n) if n < 0.0 || n > max as f64 => {
                self.fail(field, Invalid::OutOfRange { min: 0, max });
                None
            }
            Some(n) => Some(n),
        }
    }

    fn whole(&mut self, field: &str, value: &str, max: i64) -> Option<i64> {
        let n = self.number(field, value, max)?;
        if n.fract() != 0.0 {
            self.fail(field, Invalid::NotANumber);
            return None;
        }
        Some(n as i64)
    }

    fn yes_no(&mut self, field: &str, value: &str) -> Option<bool> {
        match value.trim() {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                self.fail(field, Invalid::UnknownChoice);
                None
            }
        }
    }

    fn labels(&mut self, field: &str, value: &str) -> Vec<String> {
        let mut labels: Vec<String> = Vec::new();
        for label in value.split([',', ';', '\n']).map(str::trim).filter(|l| !l.is_empty()) {
            if label.chars().count() > crate::candidates::search::model::LABEL_MAX_CHARS {
                self.fail(field, Invalid::TooLong { max: crate::candidates::search::model::LABEL_MAX_CHARS as u32 });
                return Vec::new();
            }
            if !labels.iter().any(|l| l.to_lowercase() == label.to_lowercase()) {
                labels.push(label.to_owned());
            }
        }
        if labels.len() > LABELS_MAX {
            self.fail(field, Invalid::OutOfRange { min: 0, max: LABELS_MAX as i64 });
        }
        labels
    }

    fn id(&mut self, field: &str, value: &str) -> Option<i64> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        match value.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                self.fail(field, Invalid::UnknownChoice);
                None
            }
        }
    }
}

/// Whether a taxonomy code has the KLE shape `NN`, `NN.NN` or `NN.NN.NN`.
pub fn is_taxonomy_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    (1..=3).contains(&parts.len()) && parts.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_email(value: &str) -> bool {
    let mut parts = value.splitn(2, '@');
    match (parts.next(), parts.next()) {
        (Some(local), Some(domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !value.contains(char::is_whitespace)
        }
        _ => false,
    }
}

/// Checks the whole edit form for a candidate in `phase`, reporting every problem at once.
pub fn check(form: &RecordForm, phase: Phase, locale: Locale) -> Result<RecordUpdate, AppError> {
    let quick = CandidateForm {
        title: form.title.clone(),
        description: form.description.clone(),
        department_id: form.department_id.clone(),
        volume: form.volume.clone(),
        period: form.period.clone(),
        minutes_per_case: form.minutes_per_case.clone(),
        visibility: form.visibility.clone(),
    };
    let (basics, mut errors) = match validate(&quick, locale) {
        Ok(basics) => (Some(basics), Vec::new()),
        Err(AppError::Invalid(errors)) => (None, errors),
        Err(other) => return Err(other),
    };
    let mut c = Check { errors: Vec::new(), locale };
    let taxonomy_code = c.line("taxonomy_code", &form.taxonomy_code, 8);
    if taxonomy_code.as_deref().is_some_and(|code| !is_taxonomy_code(code)) {
        c.fail("taxonomy_code", Invalid::BadTaxonomyCode);
    }
    let contact = Contact {
        name: c.line("contact_name", &form.contact_name, SHORT_MAX).unwrap_or_default(),
        email: c.line("contact_email", &form.contact_email, SHORT_MAX).unwrap_or_default(),
        phone: c.line("contact_phone", &form.contact_phone, 40).unwrap_or_default(),
    };
    if !contact.email.is_empty() && !is_email(&contact.email) {
        c.fail("contact_email", Invalid::NotAnEmail);
    }
    let shown = |g: Group| g.shown_in(phase);
    let update = RecordUpdate {
        // The placeholder is never returned: without `basics` there are errors.
        basics: basics.clone().unwrap_or(NewCandidate {
            title: String::new(),
            description: String::new(),
            department_id: None,
            volume: 0.0,
            period: crate::candidates::model::Period::Year,
            minutes_per_case: 0.0,
            visibility: crate::candidates::model::Visibility::Private,
        }),
        problem_today: c.text("problem_today", &form.problem_today, DESCRIPTION_MAX),
        desired_outcome: c.text("desired_outcome", &form.desired_outcome, DESCRIPTION_MAX),
        external_id: c.line("external_id", &form.external_id, 100),
        taxonomy_code,
        tags: c.labels("tags", &form.tags),
        subject_areas: c.labels("subject_areas", &form.subject_areas),
        error_rate_pct: c.number("error_rate_pct", &form.error_rate_pct, 100),
        rework_minutes: c.number("rework_minutes", &form.rework_minutes, 10_000),
        review_minutes: c.number("review_minutes", &form.review_minutes, 10_000),
        automation_share_pct: c.number("automation_share_pct", &form.automation_share_pct, 100),
        owner_id: c.id("owner_id", &form.owner_id),
        contact,
        internal_notes: c.text("internal_notes", &form.internal_notes, TEXT_MAX),
        characteristics: shown(Group::Characteristics).then(|| Characteristics {
            input_digital: c.yes_no("input_digital", &form.input_digital),
            input_structured: c.yes_no("input_structured", &form.input_structured),
            rule_based: c.yes_no("rule_based", &form.rule_based),
            stable: c.yes_no("stable", &form.stable),
            exceptions_pct: c.number("exceptions_pct", &form.exceptions_pct, 100),
            systems_count: c.whole("systems_count", &form.systems_count, 100),
            it_systems: c.labels("it_systems", &form.it_systems),
            technologies: c.labels("technologies", &form.technologies),
        }),
        legal: shown(Group::Legal).then(|| {
            let text = c.text("legal_basis", &form.legal_basis, TEXT_MAX);
            let date = match form.legal_verified_on.trim() {
                "" => None,
                typed => match time::Date::parse(typed, &time::macros::format_description!("[year]-[month]-[day]")) {
                    Ok(date) => Some(date),
                    Err(_) => {
                        c.fail("legal_verified_on", Invalid::NotADate);
                        None
                    }
                },
            };
            (text, date)
        }),
        cost: shown(Group::Cost).then(|| {
            (
                c.number("build_cost", &form.build_cost, MONEY_MAX),
                c.number("annual_run_cost", &form.annual_run_cost, MONEY_MAX),
            )
        }),
    };
    errors.extend(c.errors);
    if errors.is_empty() {
        Ok(update)
    } else {
        Err(AppError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RecordForm {
        RecordForm {
            candidate_id: 1,
            title: "Travel claims".into(),
            description: "Typed by hand.".into(),
            volume: "40".into(),
            period: "week".into(),
            minutes_per_case: "15".into(),
            visibility: "municipality".into(),
            ..RecordForm::default()
        }
    }

    fn problems(result: Result<RecordUpdate, AppError>) -> Vec<(String, Invalid)> {
        match result {
            Err(AppError::Invalid(errors)) => errors.into_iter().map(|e| (e.field, e.problem)).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn groups_appear_with_the_phase() {
        assert!(Group::Basics.shown_in(Phase::Idea));
        assert!(!Group::Characteristics.shown_in(Phase::Idea));
        assert!(Group::Characteristics.shown_in(Phase::Assessment));
        assert!(!Group::Cost.shown_in(Phase::Backlog));
        assert!(Group::Cost.shown_in(Phase::Analysis) && Group::Cost.shown_in(Phase::Retired));
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn every_form_field_is_in_exactly_one_group() {
        let form = serde_json::to_value(RecordForm::default()).expect("json");
        let names: Vec<&String> = form.as_object().expect("object").keys().filter(|k| *k != "candidate_id").collect();
        for name in &names {
            let holders = Group::ALL.iter().filter(|g| g.fields().contains(&name.as_str())).count();
            assert_eq!(holders, 1, "{name}");
        }
        let listed: usize = Group::ALL.iter().map(|g| g.fields().len()).sum();
        assert_eq!(listed, names.len(), "a group names a field the form does not have");
        assert_eq!(Group::of_field("legal_basis"), Some(Group::Legal));
        assert_eq!(Group::of_field("candidate_id"), None);
    }

    #[test]
    fn a_quick_report_is_a_complete_record() {
        let update = check(&form(), Phase::Idea, Locale::En).expect("fine");
        assert_eq!(update.basics.title, "Travel claims");
        assert_eq!((update.characteristics, update.legal, update.cost), (None, None, None), "not shown in idea");
    }

    #[test]
    fn every_group_is_checked_when_shown() {
        let mut f = form();
        f.error_rate_pct = "120".into();
        f.rule_based = "maybe".into();
        f.systems_count = "2,5".into();
        f.legal_verified_on = "31.12.2026".into();
        f.build_cost = "-5".into();
        f.contact_email = "not an address".into();
        f.taxonomy_code = "3.1".into();
        f.title = String::new();
        let found = problems(check(&f, Phase::Analysis, Locale::En));
        let fields: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        for field in [
            "title",
            "error_rate_pct",
            "rule_based",
            "systems_count",
            "legal_verified_on",
            "build_cost",
            "contact_email",
            "taxonomy_code",
        ] {
            assert!(fields.contains(&field), "{field} in {fields:?}");
        }
        // In the idea phase the later groups are not posted and not checked.
        let mut idea = f.clone();
        idea.title = "Fine".into();
        idea.error_rate_pct = String::new();
        idea.contact_email = String::new();
        idea.taxonomy_code = String::new();
        assert!(check(&idea, Phase::Idea, Locale::En).is_ok());
    }

    #[test]
    fn labels_are_split_trimmed_and_deduplicated() {
        let mut f = form();
        f.it_systems = " KMD Nexus, SAP ; sap,\nOpus ".into();
        let update = check(&f, Phase::Assessment, Locale::Da).expect("fine");
        assert_eq!(update.characteristics.expect("shown").it_systems, vec!["KMD Nexus", "SAP", "Opus"]);
    }

    #[test]
    fn numbers_follow_the_language_and_taxonomy_codes_their_shape() {
        let mut f = form();
        f.error_rate_pct = "2,5".into();
        f.taxonomy_code = "03.01.10".into();
        let update = check(&f, Phase::Idea, Locale::Da).expect("fine");
        assert_eq!(update.error_rate_pct, Some(2.5));
        assert!(is_taxonomy_code("03") && is_taxonomy_code("03.01") && !is_taxonomy_code("03.1.10"));
        assert!(!is_taxonomy_code("03.01.10.99") && !is_taxonomy_code("ab.cd"));
    }

    #[test]
    fn one_line_fields_refuse_line_breaks() {
        let mut f = form();
        f.contact_name = "Anna\nBcc: everyone".into();
        assert_eq!(
            problems(check(&f, Phase::Idea, Locale::En)),
            vec![("contact_name".into(), Invalid::ForbiddenCharacter { ch: '\n' })]
        );
    }
}
