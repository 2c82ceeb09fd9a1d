pub use crate::common::enums::PersonRef;
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
    /// The person's language for mails (`None` reads as English) and whether they get mails.
    pub language: Option<String>,
    pub email_notifications: bool,
    /// The single sign-on identity the account is linked to, if any (no secret is kept).
    pub sso: Option<SsoLink>,
    /// Departments a coordinator is limited to; empty means the whole municipality.
    pub coordinator_departments: Vec<String>,
    pub reported_candidates: Vec<ReportedCandidate>,
    pub owned_candidates: Vec<ReportedCandidate>,
    pub comments: Vec<MyComment>,
    pub follows: Vec<MyFollow>,
    pub notifications: Vec<MyNotification>,
    pub api_tokens: Vec<MyApiToken>,
    pub assessments: Vec<MyAssessment>,
    pub decisions: Vec<MyDecision>,
    pub backlog_overrides: Vec<MyBacklogOverride>,
    pub scoring_models_published: Vec<MyModelVersion>,
    /// When the person last saved the scoring model's draft, if the draft is theirs.
    pub scoring_draft_saved_at: Option<String>,
    pub imports: Vec<MyImport>,
    pub attachments: Vec<MyAttachment>,
    /// Changes to candidates the person made: which field and when (values stay in the history).
    pub history: Vec<MyHistoryEvent>,
    /// Sign-in attempts with the person's e-mail address still counted by the throttle: over
    /// all clients, and per client address.
    pub sign_in_attempts: Vec<MySignInAttempts>,
    /// The person's sessions that have not ended (never their ids). Filled in by the server,
    /// which owns the session store.
    #[serde(default)]
    pub sessions: Vec<MySession>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SsoLink {
    pub issuer: String,
    pub subject: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyComment {
    pub candidate_id: i64,
    pub body: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyFollow {
    pub candidate_id: i64,
    pub since: String,
}

/// A notification in the person's inbox; who caused it is another person's data and left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyNotification {
    pub candidate_id: i64,
    pub kind: String,
    pub created_at: String,
    pub read_at: Option<String>,
    pub emailed_at: Option<String>,
}

/// An API token's metadata; the token and its hash are never part of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyApiToken {
    pub name: String,
    pub prefix: String,
    pub scope: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAssessment {
    pub candidate_id: i64,
    pub model_version: i64,
    pub assessed_at: String,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyDecision {
    pub candidate_id: i64,
    pub scope: String,
    pub outcome: String,
    pub rationale: String,
    pub decided_on: String,
    pub recorded_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyBacklogOverride {
    pub candidate_id: i64,
    pub scope: String,
    pub position: i64,
    pub reason: String,
    pub set_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyModelVersion {
    pub version: i64,
    pub published_at: String,
}

/// Sign-in attempts with the person's address counted in a throttling window, from one client
/// address (`client`) or from all together (`None`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MySignInAttempts {
    pub client: Option<String>,
    pub attempts: i64,
    pub window_start: String,
}

/// A session of the person that has not ended: when it began, when it was last renewed (in
/// use), when it ends unless used again, and whether it is the one asking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MySession {
    pub signed_in_at: Option<String>,
    pub last_renewed_at: Option<String>,
    pub expires_at: String,
    pub this_session: bool,
}

/// A CSV import the person ran; the uploaded file's content is not repeated here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyImport {
    pub file_name: String,
    pub state: String,
    pub total_rows: i64,
    pub created_at: String,
}

/// An attachment the person uploaded, without its content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAttachment {
    pub candidate_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyHistoryEvent {
    pub candidate_id: i64,
    pub field: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportedCandidate {
    pub id: i64,
    pub title: String,
    pub reported_at: String,
}

impl Role {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::identity::texts::texts(locale);
        match self {
            Role::Reporter => t.role_reporter,
            Role::Coordinator => t.role_coordinator,
            Role::ConsortiumCoordinator => t.role_consortium_coordinator,
            Role::MunicipalityAdmin => t.role_municipality_admin,
            Role::ConsortiumAdmin => t.role_consortium_admin,
        }
    }
}
