//! The record's pages: the edit form, the history, and the record as a candidate's page shows it.

pub mod edit;
pub mod history;
pub mod view;
