//! The texts every domain shares: errors, the words for people, months. Every domain's `Texts`
//! reaches these through `Deref`. How the files are written: `README.md` beside this file.

use crate::common::error::{AppError, Invalid};

include!(concat!(env!("OUT_DIR"), "/texts/common.rs"));

impl Texts {
    /// A person named on a record, as this reader may see them.
    pub fn person(&self, person: &crate::common::enums::PersonRef) -> String {
        use crate::common::enums::PersonRef;
        match person {
            PersonRef::Named(name) => name.clone(),
            PersonRef::FormerEmployee => self.former_employee.to_owned(),
            PersonRef::Withheld => self.person_withheld.to_owned(),
        }
    }

    /// A month's name, as in "5 March".
    pub fn month(&self, month: time::Month) -> &'static str {
        match month {
            time::Month::January => self.month_1,
            time::Month::February => self.month_2,
            time::Month::March => self.month_3,
            time::Month::April => self.month_4,
            time::Month::May => self.month_5,
            time::Month::June => self.month_6,
            time::Month::July => self.month_7,
            time::Month::August => self.month_8,
            time::Month::September => self.month_9,
            time::Month::October => self.month_10,
            time::Month::November => self.month_11,
            time::Month::December => self.month_12,
        }
    }

    /// An error's message.
    pub fn error(&self, error: &AppError) -> &'static str {
        match error {
            AppError::NotFound => self.err_not_found,
            AppError::Unauthenticated => self.err_unauthenticated,
            AppError::Forbidden => self.err_forbidden,
            AppError::BadCredentials => self.err_bad_credentials,
            AppError::TooManyAttempts => self.err_too_many_attempts,
            AppError::Invalid(_) => self.err_invalid,
            AppError::Conflict => self.err_conflict,
            AppError::Internal => self.err_internal,
            AppError::Request => self.err_request,
        }
    }

    /// What is wrong with a field.
    pub fn invalid(&self, problem: Invalid) -> String {
        match problem {
            Invalid::Required => self.invalid_required.to_owned(),
            Invalid::TooLong { max } => self.invalid_too_long(max),
            Invalid::OutOfRange { min, max } => self.invalid_out_of_range(min, max),
            Invalid::NotANumber => self.invalid_not_a_number.to_owned(),
            Invalid::UnknownChoice => self.invalid_unknown_choice.to_owned(),
            Invalid::NotHttps => self.invalid_not_https.to_owned(),
            Invalid::BadRoleMapping => self.invalid_role_mapping.to_owned(),
            Invalid::NotAnEmail => self.invalid_not_an_email.to_owned(),
            Invalid::Taken => self.invalid_taken.to_owned(),
            Invalid::TooShort { min } => self.invalid_too_short(min),
            Invalid::InsideItself => self.invalid_inside_itself.to_owned(),
            Invalid::LastAdmin => self.invalid_last_admin.to_owned(),
            Invalid::InUse => self.invalid_in_use.to_owned(),
            Invalid::ForbiddenCharacter { ch } if ch.is_whitespace() => self.invalid_control_character.to_owned(),
            Invalid::ForbiddenCharacter { ch } => self.invalid_forbidden_character(ch),
            Invalid::NotGrantable => self.invalid_not_grantable.to_owned(),
            Invalid::NoChange => self.invalid_no_change.to_owned(),
            Invalid::SameCandidate => self.invalid_same_candidate.to_owned(),
            Invalid::BadTaxonomyCode => self.invalid_taxonomy_code.to_owned(),
            Invalid::NotADate => self.invalid_date.to_owned(),
            Invalid::InFuture => self.backlog_invalid_in_future.to_owned(),
            Invalid::UnknownField => self.invalid_unknown_field.to_owned(),
            Invalid::WrongType => self.invalid_wrong_type.to_owned(),
            Invalid::NotInPhase => self.invalid_not_in_phase.to_owned(),
            Invalid::FileTooLarge { max_mb } => self.invalid_file_too_large(max_mb),
            Invalid::FileType => self.invalid_file_type.to_owned(),
            Invalid::FileTypeMismatch => self.invalid_file_type_mismatch.to_owned(),
            Invalid::FieldCount { expected, found } => self.invalid_field_count(expected, found),
            Invalid::OutsideYourDepartments => self.invalid_outside_departments.to_owned(),
            Invalid::NotACurrency => self.invalid_currency.to_owned(),
            Invalid::BadCriterionKey => self.scoring_invalid_key.to_owned(),
            Invalid::BadBands => self.scoring_invalid_bands.to_owned(),
            Invalid::PrefillMismatch => self.scoring_invalid_prefill.to_owned(),
            Invalid::NoCriteria => self.scoring_invalid_no_criteria.to_owned(),
            Invalid::AxisWithoutWeight => self.scoring_invalid_axis_weight.to_owned(),
            Invalid::TooManyCriteria { max } => self.scoring_invalid_too_many(max),
            Invalid::NoDraft => self.scoring_invalid_no_draft.to_owned(),
        }
    }
}
