//! The utility matrix (DESIGN.md, "Utility matrix"): the consortium's versioned scoring model,
//! assessments of candidates on it, and their scores.

pub mod api;
pub mod assessment;
pub mod compute;
pub mod default_model;
pub mod model;
pub mod pages;
pub mod rank;

#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub mod service;
