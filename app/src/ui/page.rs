//! What every page may show: a translated error with its HTTP status.

use crate::common::error::AppError;
use crate::common::texts::use_texts;
use leptos::prelude::*;

/// Sets the HTTP status of the page being rendered on the server (no-op in the browser).
pub fn set_page_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A translated error message (never server internals), with the matching HTTP status.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let t = use_texts();
    set_page_status(error.status());
    view! { <p class="error" role="alert">{t.error(&error)}</p> }
}
