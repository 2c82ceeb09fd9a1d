//! Re-scoring a backlog onto the current model version in one step.

pub mod pages;
pub mod server_fns;
pub mod service;
