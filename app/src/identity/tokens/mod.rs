//! Personal API tokens: a person lets a script or another system call the JSON API
//! (`/api/v1`) in their name, with their permissions, narrowed to reading or writing.
//!
//! `model` crosses to the browser (never a stored hash; the token text only in the one answer
//! that creates it); `store` and `service` create, list, revoke and resolve tokens; `api` and
//! `pages` are the page `/me/tokens` (a new token crosses the redirect of a form posted without
//! JavaScript in `crate::flash`). The Bearer extractor of the API lives in the server crate.

pub mod model;
pub mod pages;

pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
