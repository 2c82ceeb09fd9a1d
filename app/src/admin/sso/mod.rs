//! Single sign-on settings of a municipality (the flow itself is identity::sso).

pub mod pages;
