//! The ranked backlogs (a municipality's and the consortium's), the manual rank overrides, the
//! decisions on candidates and the value × feasibility matrix (DESIGN.md, "Utility matrix").

pub mod matrix;
pub mod model;
pub mod pages;

pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
