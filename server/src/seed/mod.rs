//! Fixtures written through app's stores, for the demo (`demo.rs`), the benchmark
//! (`examples/bench/`) and the integration tests (`tests/it/support.rs`): a schema change is
//! made in the stores and reaches all three from here.
//!
//! Small builders, each written by one store call:
//! - [`municipality`] and a [`Departments`] tree (`identity::admin::store`),
//! - a [`Person`] with roles and department limits (`identity::admin::store::apply`),
//! - a [`Candidate`] with its phase, status, report time and labels
//!   (`candidates::store::insert_reported`), many at once with [`candidates`].
//!
//! Everything is deterministic; bulk data draws from [`Rng`], a seeded generator.

mod candidate;
mod organisation;
mod person;
mod rng;

pub use candidate::{candidates, Candidate};
pub use organisation::{municipality, Departments};
pub use person::{people, Person};
pub use rng::Rng;

/// Why a fixture could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0:?}")]
    App(#[from] app::common::error::AppError),
    #[error("cannot hash the password")]
    Hash,
}

pub type SeedResult<T> = Result<T, SeedError>;

/// An argon2 hash of `password`, made once and given to every [`Person`] that shares it
/// (hashing is slow on purpose).
pub fn password_hash(password: &str) -> SeedResult<String> {
    app::identity::auth::hash_password(password).map_err(|_| SeedError::Hash)
}
