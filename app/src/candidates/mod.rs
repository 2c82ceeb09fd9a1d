//! The candidate registry: processes with automation potential.

pub mod api;
pub mod model;
pub mod pages;
pub mod query;
pub mod validate;
pub mod volumetrics;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
