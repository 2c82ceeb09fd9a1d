//! The scoring pages.

pub mod rescore;
