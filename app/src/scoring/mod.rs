//! The utility matrix (DESIGN.md, "Utility matrix"): the consortium's versioned scoring model,
//! its editor, assessments of candidates on it, and their scores.

// The core: the versioned model, computing a score, ranking, the model's pages.
pub mod compute;
pub mod default_model;
pub mod diff;
pub mod model;
pub mod pages;
pub mod rank;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod store;
pub mod texts;

// Sub-features, each a folder of the same files.
pub mod assessment;
pub mod backlog;
pub mod editor;
pub mod rescore;
