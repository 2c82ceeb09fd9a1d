//! Erasing a contact person who is not a user (GDPR art. 17), on request, by the admin of the
//! municipality whose candidates name them: find them by name, e-mail or phone across the
//! sealed contact details, choose the candidates, erase; the history records that each detail
//! changed, never its value.

pub mod model;
pub mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
