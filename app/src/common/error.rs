//! The one error type that crosses the server-function boundary.
//!
//! It carries codes, never text from the database or another library: the browser translates
//! the code (see `i18n`), the server logs the detail where the error is made.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why one input field was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Invalid {
    Required,
    TooLong {
        max: u32,
    },
    /// A number outside the allowed range (inclusive bounds, in the field's unit).
    OutOfRange {
        min: i64,
        max: i64,
    },
    NotANumber,
    UnknownChoice,
    /// An address that must be https (http only for this machine).
    NotHttps,
    /// Role mapping lines must read `group = role` with a role the municipality may grant.
    BadRoleMapping,
    NotAnEmail,
    /// Already in use: an e-mail address, or a department name beside its siblings.
    Taken,
    TooShort {
        min: u32,
    },
    /// A department cannot move into its own subtree.
    InsideItself,
    /// The municipality's last admin cannot lose the role.
    LastAdmin,
    /// Still holds departments or candidates.
    InUse,
    ForbiddenCharacter {
        ch: char,
    },
    /// A role the person changing it may not grant.
    NotGrantable,
    /// The form asks for what already is (the same phase and status).
    NoChange,
    /// A candidate cannot be a duplicate of itself.
    SameCandidate,
    /// A taxonomy code must have the KLE shape NN, NN.NN or NN.NN.NN.
    BadTaxonomyCode,
    /// Dates are typed as YYYY-MM-DD (the date picker sends that).
    NotADate,
    /// The JSON API: a field this request does not have (a typo would otherwise be ignored).
    UnknownField,
    /// The JSON API: a list, object or true/false where text or a number belongs.
    WrongType,
    /// The JSON API: a field of a group the candidate's phase does not ask for yet (see
    /// `record::Group`); the page does not show it either.
    NotInPhase,
    /// An attachment larger than the configured limit.
    FileTooLarge {
        max_mb: u32,
    },
    /// An attachment of a kind that is not accepted (checked by content).
    FileType,
    /// An attachment whose content is another kind than its name's extension says.
    FileTypeMismatch,
    /// A CSV row with another number of fields than the header line.
    FieldCount {
        expected: u32,
        found: u32,
    },
    /// A department (or a candidate in one) outside the departments a coordinator is limited to.
    OutsideYourDepartments,
    /// A currency must be an ISO 4217 code: three letters, e.g. DKK.
    NotACurrency,
    // ---- scoring model editor (issue 5)
    /// A criterion key: lower-case letters, digits and `_`, starting with a letter.
    BadCriterionKey,
    /// Number bands: 1–8, in strictly ascending minimum, points 1–5.
    BadBands,
    /// The prefill fact does not fit the criterion's type.
    PrefillMismatch,
    NoCriteria,
    /// An axis whose criteria weigh nothing in total.
    AxisWithoutWeight,
    TooManyCriteria {
        max: u32,
    },
    /// Publishing, but there is no draft.
    NoDraft,
    /// A date that has not come yet where only past days make sense (a decision's date).
    InFuture,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The form field's `name`, so the page can show the message beside it.
    pub field: String,
    pub problem: Invalid,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("too many failed sign-ins")]
    TooManyAttempts,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Someone else changed the record since the form was read.
    #[error("changed meanwhile")]
    Conflict,
    #[error("internal error")]
    Internal,
    /// The request never reached our code or its answer could not be read (network, encoding).
    #[error("request failed")]
    Request,
}

impl AppError {
    pub fn invalid(field: &str, problem: Invalid) -> Self {
        AppError::Invalid(vec![FieldError { field: field.to_owned(), problem }])
    }

    /// The problem reported for one form field, if any.
    pub fn field(&self, name: &str) -> Option<Invalid> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == name).map(|e| e.problem),
            _ => None,
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden => 403,
            AppError::TooManyAttempts => 429,
            AppError::Invalid(_) => 422,
            AppError::Conflict => 409,
            AppError::Internal => 500,
            AppError::Request => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server this means the request could not be decoded: the client's mistake.
        #[cfg(feature = "ssr")]
        {
            tracing::warn!(error = %value, "server function request not understood");
            crate::common::web::set_error_status(AppError::Request.status());
        }
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        AppError::Request
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
