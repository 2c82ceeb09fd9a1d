//! A municipality's own administration: its department tree, its people and their roles,
//! department limits for coordinators, erasing a person, and CSV import of both.
//!
//! `model` crosses to the browser; `store` holds the SQL, `service` the rules (asking
//! `policy` first), `import` reads CSV files into the same validated changes the forms make;
//! `api` and `pages` are the admin pages.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
