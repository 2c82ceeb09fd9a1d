//! Administration of a municipality and the consortium: its department tree, its people and
//! their roles, department limits for coordinators, erasing a person or a contact person, the
//! municipality's settings, the consortium's members, and CSV import of people and departments.
//!
//! `model` crosses to the browser; `store` holds the SQL, `service` the rules (asking
//! `policy` first), `import` reads CSV files into the same validated changes the forms make;
//! `server_fns` and `pages` are the admin pages.

pub mod contacts;
pub mod model;
pub mod pages;
pub mod server_fns;
pub mod sso;
pub mod texts;

#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
