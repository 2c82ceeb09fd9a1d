//! Who is calling: users, roles, sign-in, and the one policy that decides what they may do.

pub mod admin;
pub mod api;
pub mod model;
pub mod pages;
pub mod policy;
pub mod sso;
pub mod texts;
pub mod tokens;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
