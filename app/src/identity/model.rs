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
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// What the page header shows about the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub display_name: String,
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
