//! The utility matrix (DESIGN.md, "Utility matrix"): the consortium's versioned scoring model,
//! its editor, assessments of candidates on it, and their scores.

pub mod api;
pub mod assessment;
pub mod assessment_api;
pub mod backlog;
pub mod compute;
pub mod default_model;
pub mod diff;
pub mod editor;
pub mod model;
pub mod pages;
pub mod rank;
pub mod rescore;
pub mod rescore_api;
pub mod texts;

#[cfg(feature = "ssr")]
pub mod assessment_service;
#[cfg(feature = "ssr")]
pub mod store;
