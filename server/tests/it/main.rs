//! Integration tests, linked into one binary. Every test runs on SQLite, and on PostgreSQL
//! when TEST_DATABASE_URL names a server (each test creates and drops its own database).

mod admin;
mod api;
mod api_activity;
mod api_openapi;
mod attachments;
mod backlog;
mod benefit;
mod candidates;
mod client;
mod contact_erasure;
mod escaping;
mod headers;
mod http;
mod import;
mod lifecycle;
mod mail;
mod personal_data;
mod record;
mod scoring_assess;
mod scoring_model;
mod scoring_rescore;
mod search;
mod search_export;
mod search_http;
mod sso;
mod sso_provider;
mod support;
mod tokens;
mod tokens_page;
