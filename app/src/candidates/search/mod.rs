//! Finding candidates: the query, its SQL, the list page and the CSV export.

#[cfg(feature = "ssr")]
pub mod export;
/// Plain axum routes of this feature, merged by the server.
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
