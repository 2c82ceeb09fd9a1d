//! Administration types shared by server and browser. Password hashes never appear here.

use crate::common::error::FieldError;
use crate::identity::model::Role;
use serde::{Deserialize, Serialize};

/// One department in tree order (parents before children, siblings by name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    /// 0 for a top-level department.
    pub depth: usize,
    /// Candidates reported for exactly this department.
    pub candidates: i64,
    pub children: i64,
}

/// Adds or changes a department. `parent_id` is the select's value: empty for top level.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DepartmentForm {
    pub name: String,
    #[serde(default)]
    pub parent_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentsAdmin {
    pub municipality: String,
    pub departments: Vec<Department>,
}

/// One person as the admin list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// Ids of the departments a coordinator is limited to; empty: the whole municipality.
    pub limited_to: Vec<i64>,
    pub has_password: bool,
    pub has_sso: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersAdmin {
    pub municipality: String,
    pub users: Vec<UserSummary>,
    pub departments: Vec<Department>,
    /// The roles the admin may give or take away here.
    pub grantable: Vec<Role>,
}

/// The edit page of one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserAdmin {
    pub user: UserSummary,
    pub departments: Vec<Department>,
    pub grantable: Vec<Role>,
    /// False for the admin's own record (nobody erases themselves).
    pub may_erase: bool,
}

/// Adds or changes a person. `email` is used when adding only (it is how they sign in);
/// `password` blank: no password (single sign-on) when adding, unchanged when editing.
/// `roles` and `departments` come from checkboxes (`form[roles][]`), absent when none ticked.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    pub email: String,
    pub display_name: String,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub departments: Vec<String>,
    #[serde(default)]
    pub password: String,
}

impl std::fmt::Debug for UserForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserForm")
            .field("email", &self.email)
            .field("display_name", &self.display_name)
            .field("roles", &self.roles)
            .field("departments", &self.departments)
            .field("password", &"[redacted]")
            .finish()
    }
}

/// A member municipality as the consortium admin sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub people: i64,
    pub candidates: i64,
}

/// Someone holding a consortium-wide role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsortiumPerson {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub municipality: String,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsortiumAdmin {
    pub members: Vec<Member>,
    pub people: Vec<ConsortiumPerson>,
}

/// A new member municipality and its first admin (who signs in with this password and can
/// then set up single sign-on and everyone else).
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct MunicipalityForm {
    pub code: String,
    pub name: String,
    pub admin_email: String,
    pub admin_name: String,
    pub admin_password: String,
}

impl std::fmt::Debug for MunicipalityForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MunicipalityForm")
            .field("code", &self.code)
            .field("name", &self.name)
            .field("admin_email", &self.admin_email)
            .field("admin_name", &self.admin_name)
            .field("admin_password", &"[redacted]")
            .finish()
    }
}

/// Gives a consortium-wide role to the person with this e-mail address.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ConsortiumRoleForm {
    pub email: String,
    pub role: String,
}

string_enum!(
    /// What a CSV file holds.
    ImportKind {
        Departments = "departments",
        Users = "users",
    }
);

/// What happens (or would happen) to one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowOutcome {
    Create,
    Update,
    Unchanged,
    Invalid,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// What the row is about: the department path or the e-mail address.
    pub label: String,
    pub outcome: RowOutcome,
    /// Per column (the column's name as the file spells it).
    pub errors: Vec<FieldError>,
}

/// A problem with the file as a whole; no row is looked at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    Empty,
    /// Not readable as CSV (quotes, encoding), at this line.
    Unreadable {
        line: u64,
    },
    /// A required column is missing; the English name of the column.
    MissingColumn(String),
    TooManyRows {
        max: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub problems: Vec<FileProblem>,
    pub rows: Vec<ImportRow>,
    /// True when the changes were written; false after a check, or when anything failed.
    pub committed: bool,
    /// Rows left out of `rows` to keep the report small (they are counted in none of the totals).
    #[serde(default)]
    pub omitted_rows: usize,
}

impl ImportReport {
    /// The report of a file that could not be looked at row by row.
    pub fn refused(kind: ImportKind, problem: FileProblem) -> Self {
        ImportReport { kind, problems: vec![problem], rows: Vec::new(), committed: false, omitted_rows: 0 }
    }

    pub fn has_errors(&self) -> bool {
        !self.problems.is_empty() || self.rows.iter().any(|r| r.outcome == RowOutcome::Invalid)
    }

    pub fn count(&self, outcome: RowOutcome) -> usize {
        self.rows.iter().filter(|r| r.outcome == outcome).count()
    }
}

/// The import form: which kind, the CSV text, and whether to write (`commit` present) or only
/// check.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ImportForm {
    pub kind: String,
    pub csv: String,
    #[serde(default)]
    pub commit: Option<String>,
}

/// The municipality's settings for volumetrics and the benefit and cost figures, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalitySettings {
    pub municipality: String,
    pub working_time: crate::candidates::model::WorkingTime,
    pub economics: crate::candidates::benefit::Economics,
}

/// The settings form as typed: text throughout, so that "7,4" from a Danish keyboard is read
/// in the reader's language and every mistake becomes a field message.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SettingsForm {
    pub working_days_per_year: String,
    pub hours_per_day: String,
    pub loaded_hourly_rate: String,
    pub discount_rate_pct: String,
    pub currency: String,
    pub years: String,
}

/// Separates department names in a path: `Social services > Children and families`.
pub const PATH_SEPARATOR: char = '>';
