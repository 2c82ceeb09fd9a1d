//! The frame around every page: the header with navigation, language and user menu, the start
//! page and "not found". The top layer: it may import every domain, and nothing imports it but
//! the crate root.

pub mod texts;

use crate::candidates::activity::notifications::NotificationsLink;
use crate::common::locale::{use_locale, Locale};
use crate::identity::auth::pages::UserMenu;
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

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    crate::ui::page::set_page_status(404);
    view! {
        <Title text=t.page_not_found/>
        <h1>{t.page_not_found}</h1>
        <p><A href="/">{t.nav_home}</A></p>
    }
}
