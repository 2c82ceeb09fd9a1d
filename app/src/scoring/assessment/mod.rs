//! Assessing a candidate on the current model version: the form, the score with its breakdown,
//! the history of its scores.

pub mod model;
pub mod pages;
pub mod score_pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
