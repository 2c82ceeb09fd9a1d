use serde::{Deserialize, Serialize};

string_enum!(
    /// Roles from DESIGN.md ("Tenancy and people"); a user may hold several.
    Role {
        Reporter = "reporter",
        Coordinator = "coordinator",
        ConsortiumCoordinator = "consortium_coordinator",
        MunicipalityAdmin = "municipality_admin",
        ConsortiumAdmin = "consortium_admin",
    }
);

/// The signed-in person, as every policy decision sees them. Built on the server from the
/// database for each request; never taken from the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub municipality_id: i64,
    pub roles: Vec<Role>,
    /// Paths (`/3/7/`) of the departments a coordinator is limited to, subtrees included;
    /// empty: the whole municipality. See [`crate::identity::policy::oversees`].
    #[serde(default)]
    pub coordinator_scope: Vec<String>,
}

impl Actor {
    /// A person with roles over their whole municipality.
    pub fn new(user_id: i64, municipality_id: i64, roles: Vec<Role>) -> Self {
        Actor { user_id, municipality_id, roles, coordinator_scope: Vec::new() }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

impl Role {
    /// Roles of the consortium as a whole: granted by a consortium admin, never by a
    /// municipality or its identity provider.
    pub fn is_consortium_wide(self) -> bool {
        matches!(self, Role::ConsortiumCoordinator | Role::ConsortiumAdmin)
    }
}

/// A person named on a record, as the reader may see them. In JSON:
/// `{"kind": "named", "name": "…"}`, `{"kind": "former_employee"}`, `{"kind": "withheld"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum PersonRef {
    Named(String),
    /// Erased at an admin's request (GDPR art. 17); the record keeps its place in history.
    FormerEmployee,
    /// Names are personal data and stay inside the person's municipality.
    Withheld,
}

/// What the page header shows about the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub display_name: String,
    pub municipality: String,
    pub roles: Vec<Role>,
}

/// Who the caller is, as the JSON API's `/api/v1/me` tells a script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Profile {
    pub id: i64,
    pub display_name: String,
    pub municipality_id: i64,
    pub municipality: String,
    pub roles: Vec<Role>,
}

/// Everything Autoport holds about one person, as they may download it (GDPR art. 15/20).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonalData {
    pub email: String,
    pub display_name: String,
    pub municipality: String,
    pub roles: Vec<Role>,
    pub created_at: String,
    pub reported_candidates: Vec<ReportedCandidate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportedCandidate {
    pub id: i64,
    pub title: String,
    pub reported_at: String,
}
