//! The frame around every page: header, navigation, language switch, error and 404 views.

pub mod form;
pub mod raw_text;

use crate::candidates::pages::NotificationsLink;
use crate::common::error::AppError;
use crate::common::locale::{use_locale, Locale};
use crate::identity::pages::{SignInPrompt, UserMenu};
use crate::shell::texts::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let t = use_texts();
    view! {
        <header class="site-header">
            <a class="brand" href="/">{t.app_name}</a>
            <nav aria-label=t.nav_label>
                <ul>
                    <li><A href="/candidates">{t.nav_candidates}</A></li>
                    <li><A href="/candidates/new">{t.nav_report}</A></li>
                    <li><A href="/scoring">{t.scoring_nav}</A></li>
                    <li><A href="/backlog">{t.nav_backlog}</A></li>
                    <li><A href="/matrix">{t.nav_matrix}</A></li>
                    <NotificationsLink/>
                </ul>
            </nav>
            <UserMenu/>
            <LanguageSwitch/>
        </header>
    }
}

/// Plain links to `/lang/{code}`, which sets the language cookie and comes back: works
/// without JavaScript, and `rel="external"` keeps the client router out of it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    let current = use_locale();
    view! {
        <nav class="languages" aria-label=t.language>
            <ul>
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        let here = (l == current).then_some("true");
                        view! {
                            <li>
                                <a href=format!("/lang/{}", l.code()) rel="external nofollow" hreflang=l.code()
                                    lang=l.code() aria-current=here>
                                    {l.endonym()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
            <p class="actions">
                <A href="/candidates/new" attr:class="button primary">{t.home_report_cta}</A>
                <A href="/candidates" attr:class="button">{t.home_browse_cta}</A>
            </p>
        </section>
    }
}

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

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    set_page_status(404);
    view! {
        <Title text=t.page_not_found/>
        <h1>{t.page_not_found}</h1>
        <p><A href="/">{t.nav_home}</A></p>
    }
}

/// What a page that needs a signed-in person shows of its data: `content` once it is there,
/// a sign-in prompt (back to `next`) for an anonymous visitor, or the translated error.
pub fn signed_in<T, V, F>(data: Resource<Result<T, AppError>>, next: String, content: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
            {move || {
                let content = content.clone();
                let next = next.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => content(value).into_any(),
                        Err(AppError::Unauthenticated) => view! { <SignInPrompt next/> }.into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A translated error message (never server internals), with the matching HTTP status.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let t = use_texts();
    set_page_status(error.status());
    view! { <p class="error" role="alert">{t.error(&error)}</p> }
}
