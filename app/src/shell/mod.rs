//! The frame around every page: header, start page, not found.

pub mod texts;
