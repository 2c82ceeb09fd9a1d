//! Administration of a municipality and the consortium: people, departments, settings,
//! contact erasure.

pub mod texts;
