//! Who is calling: users, roles, sign-in, and the one policy that decides what they may do.

pub mod api;
pub mod model;
pub mod pages;
pub mod policy;
pub mod sso;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
