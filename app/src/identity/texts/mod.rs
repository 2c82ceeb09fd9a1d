//! The texts of identity: sign-in, single sign-on, API tokens.

include!(concat!(env!("OUT_DIR"), "/texts/identity.rs"));
