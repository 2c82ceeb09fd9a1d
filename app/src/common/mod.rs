//! The leaf layer: what every domain may use and which imports no domain. The error type that
//! crosses the wire, the language and its formatting, the texts every domain shares, the plain
//! enums of the access policy, and the macros (declared first so the whole crate has them).

#[macro_use]
mod macros;

pub mod enums;
pub mod error;
pub mod locale;
pub mod texts;
#[cfg(feature = "ssr")]
pub mod web;
