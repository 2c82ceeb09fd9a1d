//! Signing in and out, and a person's own data: the axum-login backend (local accounts with
//! argon2 hashes; sessions in the database, so any node serves any request), the sign-in page
//! and the header's user menu.

#[cfg(feature = "ssr")]
mod backend;
pub mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub use backend::*;
