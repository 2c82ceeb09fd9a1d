//! Single sign-on with OpenID Connect, one provider per municipality.
//!
//! `model` crosses to the browser; `store` and `service` hold the settings and turn a
//! verified ID token into a user; `oidc` talks to the provider; `api` and `pages` are the
//! admin page and the login page's links. The HTTP routes of the flow live in the server crate.

pub mod model;
pub mod pages;

/// Plain axum routes of this feature, merged by the server.
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod net;
#[cfg(feature = "ssr")]
pub mod oidc;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
