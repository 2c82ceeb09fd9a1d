//! Plain enums that more than one domain needs, the access policy among them: who may see a
//! candidate, an attachment, a backlog. Their labels are texts of `common`.

use serde::{Deserialize, Serialize};

string_enum!(
    /// Who may see a candidate (see DESIGN.md, "Visibility").
    Visibility { Private = "private", Municipality = "municipality", Consortium = "consortium", Public = "public" }
);

string_enum!(
    /// Who may see an attachment, within those who may see its candidate: `municipality`, people
    /// of the candidate's own municipality only; `shared`, everyone who may see the candidate
    /// (other municipalities, and visitors of a public one).
    AttachmentVisibility { Municipality = "municipality", Shared = "shared" }
);

/// Whose backlog: a municipality's own candidates, or the consortium's shared ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The candidates of the reader's municipality.
    Municipality,
    /// Shared candidates (visibility consortium or public) of every municipality.
    Consortium,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Municipality, Scope::Consortium];

    pub fn key(self) -> &'static str {
        match self {
            Scope::Municipality => "municipality",
            Scope::Consortium => "consortium",
        }
    }

    pub fn from_key(key: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.key() == key)
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

impl Visibility {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::common::texts::texts(locale);
        match self {
            Visibility::Private => t.visibility_private,
            Visibility::Municipality => t.visibility_municipality,
            Visibility::Consortium => t.visibility_consortium,
            Visibility::Public => t.visibility_public,
        }
    }

    /// What choosing it means, in `locale`.
    pub fn help(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::common::texts::texts(locale);
        match self {
            Visibility::Private => t.visibility_private_help,
            Visibility::Municipality => t.visibility_municipality_help,
            Visibility::Consortium => t.visibility_consortium_help,
            Visibility::Public => t.visibility_public_help,
        }
    }
}

impl AttachmentVisibility {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::common::texts::texts(locale);
        match self {
            AttachmentVisibility::Municipality => t.attachment_visibility_municipality,
            AttachmentVisibility::Shared => t.attachment_visibility_shared,
        }
    }

    /// What choosing it means, in `locale`.
    pub fn help(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::common::texts::texts(locale);
        match self {
            AttachmentVisibility::Municipality => t.attachment_visibility_municipality_help,
            AttachmentVisibility::Shared => t.attachment_visibility_shared_help,
        }
    }
}

impl Scope {
    /// How people read it, in `locale`.
    pub fn label(self, locale: crate::common::locale::Locale) -> &'static str {
        let t = crate::common::texts::texts(locale);
        match self {
            Scope::Municipality => t.scope_municipality,
            Scope::Consortium => t.scope_consortium,
        }
    }
}
