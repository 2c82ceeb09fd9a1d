//! The texts of shell: the frame around every page: header, start page, not found.

include!(concat!(env!("OUT_DIR"), "/texts/shell.rs"));
