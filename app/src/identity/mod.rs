//! Who is calling: users, roles, sign-in, and the one policy that decides what they may do.

pub mod model;
pub mod policy;
pub mod sso;
pub mod texts;
pub mod tokens;

pub mod auth;
/// The door every server function walks through.
#[cfg(feature = "ssr")]
pub mod request;
/// What every handler can reach.
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
