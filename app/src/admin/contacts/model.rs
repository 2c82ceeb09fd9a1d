//! What the contact erasure page shows and posts.

use serde::{Deserialize, Serialize};

/// One candidate whose contact person matches the search, with the opened details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactMatch {
    pub candidate_id: i64,
    pub title: String,
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The search as it was asked and what it found (nothing for fewer than three characters).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactSearch {
    pub query: String,
    pub matches: Vec<ContactMatch>,
}

/// Erases the chosen candidates' contact details. `candidates` comes from checkboxes
/// (`form[candidates][]`), absent when none is ticked; `confirm` is the "I understand" box.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct EraseForm {
    pub query: String,
    #[serde(default)]
    pub candidates: Vec<String>,
    #[serde(default)]
    pub confirm: Option<String>,
}
