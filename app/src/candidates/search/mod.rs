//! Finding candidates: the query, its SQL, the list page and the CSV export.

#[cfg(feature = "ssr")]
pub mod export;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
