//! Building blocks of pages that know no domain: form fields and their errors, raw text.
//! Imports only the leaf layer.

pub mod form;
pub mod page;
pub mod raw_text;
