//! The texts of admin: people, departments, settings, the consortium, contact erasure.

include!(concat!(env!("OUT_DIR"), "/texts/admin.rs"));
