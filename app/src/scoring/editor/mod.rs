//! The scoring model editor: the draft, its forms, publishing it as the next version.

pub mod pages;
pub mod service;
