//! What happens around a candidate: comments, followers, notifications and their e-mails.

#[cfg(feature = "ssr")]
pub mod mail;
pub mod notifications;
#[cfg(feature = "ssr")]
pub mod outbox;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
