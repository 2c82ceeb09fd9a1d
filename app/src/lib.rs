//! Autoport: components, server functions and (behind `ssr`) the services behind them.
//!
//! Built once with `ssr` for the server and once with `hydrate` for the browser, never both.

#![recursion_limit = "256"]

#[macro_use]
pub mod common;

pub mod admin;
pub mod candidates;
pub mod identity;
pub mod scoring;
pub mod shell;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod crypto;
#[cfg(feature = "ssr")]
pub mod csv_table;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod flash;

use crate::admin::contacts::pages::ContactErasurePage;
use crate::admin::pages::{
    ConsortiumAdminPage, DepartmentEditPage, DepartmentsAdminPage, ImportPage, SettingsAdminPage, UserEditPage,
    UsersAdminPage,
};
use crate::admin::sso::pages::SsoAdminPage;
use crate::candidates::activity::notifications::NotificationsPage;
use crate::candidates::import::pages::{ImportJobPage, ImportUploadPage};
use crate::candidates::pages::{route_id, CandidateDetailPage, ReportPage, Sections};
use crate::candidates::record::pages::edit::CandidateEditPage;
use crate::candidates::record::pages::history::CandidateHistoryPage;
use crate::candidates::search::pages::CandidateListPage;
use crate::identity::auth::pages::LoginPage;
use crate::identity::tokens::pages::TokensPage;
use crate::scoring::assessment::pages::AssessmentPage;
use crate::scoring::assessment::score_pages::{ScoreData, ScoreHistoryPage, ScoreSectionView};
use crate::scoring::backlog::pages::{Decisions, DecisionsData};
use crate::scoring::editor::pages::{CriterionPage, DraftPage};
use crate::scoring::pages::{ComparePage, ModelPage, VersionPage, VersionsPage};
use crate::scoring::rescore::pages::RescorePage;
use crate::shell::{HomePage, NotFound, SiteHeader};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = crate::common::locale::request_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = crate::common::locale::request_locale();
    provide_context(locale);
    let t = crate::shell::texts::texts(locale);

    view! {
        <Stylesheet id="leptos" href="/pkg/autoport.css"/>
        <Title formatter=move |text: String| {
            let title = if text.is_empty() { t.app_name.to_owned() } else { format!("{text} · {}", t.app_name) };
            // leptos_meta writes the title into the head unescaped.
            crate::ui::raw_text::escaped_on_server(title)
        }/>
        <Router>
            <Frame/>
        </Router>
    }
}

/// Everything inside the router.
#[component]
fn Frame() -> impl IntoView {
    let t = crate::shell::texts::use_texts();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <SiteHeader/>
        <main id="main" tabindex="-1">
            // Async: every page is sent complete, with its real status code, and reads the same
            // without JavaScript (out-of-order streaming would need scripts to fill in the data).
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/candidates") view=CandidateListPage ssr=SsrMode::Async/>
                <Route path=path!("/candidates/new") view=ReportPage ssr=SsrMode::Async/>
                <Route path=path!("/candidates/import") view=ImportUploadPage ssr=SsrMode::Async/>
                <Route path=path!("/candidates/import/:job") view=ImportJobPage ssr=SsrMode::Async/>
                <Route path=path!("/candidates/:id") view=CandidateDetail ssr=SsrMode::Async/>
                <Route path=path!("/candidates/:id/edit") view=CandidateEditPage ssr=SsrMode::Async/>
                <Route path=path!("/candidates/:id/history") view=CandidateHistoryPage ssr=SsrMode::Async/>
                <Route path=path!("/candidates/:id/assessment") view=AssessmentPage ssr=SsrMode::Async/>
                <Route path=path!("/candidates/:id/scores") view=ScoreHistoryPage ssr=SsrMode::Async/>
                <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                <Route path=path!("/backlog") view=scoring::backlog::pages::BacklogPage ssr=SsrMode::Async/>
                <Route path=path!("/backlog/consortium") view=scoring::backlog::pages::ConsortiumBacklogPage ssr=SsrMode::Async/>
                <Route path=path!("/matrix") view=scoring::backlog::pages::MatrixPage ssr=SsrMode::Async/>
                <Route path=path!("/decisions") view=scoring::backlog::pages::DecisionLogPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/sso") view=SsoAdminPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/users") view=UsersAdminPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/users/:id") view=UserEditPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/departments") view=DepartmentsAdminPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/departments/:id") view=DepartmentEditPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/import") view=ImportPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/contacts") view=ContactErasurePage ssr=SsrMode::Async/>
                <Route path=path!("/admin/settings") view=SettingsAdminPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/consortium") view=ConsortiumAdminPage ssr=SsrMode::Async/>
                <Route path=path!("/me/tokens") view=TokensPage ssr=SsrMode::Async/>
                <Route path=path!("/scoring") view=ModelPage ssr=SsrMode::Async/>
                <Route path=path!("/scoring/versions") view=VersionsPage ssr=SsrMode::Async/>
                <Route path=path!("/scoring/versions/:v") view=VersionPage ssr=SsrMode::Async/>
                <Route path=path!("/scoring/compare") view=ComparePage ssr=SsrMode::Async/>
                <Route path=path!("/scoring/draft") view=DraftPage ssr=SsrMode::Async/>
                <Route path=path!("/scoring/draft/criteria/new") view=CriterionPage ssr=SsrMode::Async/>
                <Route path=path!("/scoring/draft/criteria/:key") view=CriterionPage ssr=SsrMode::Async/>
                <Route path=path!("/scoring/rescore") view=RescorePage ssr=SsrMode::Async/>
            </Routes>
        </main>
    }
}

/// A candidate's page with what scoring adds to it.
#[component]
fn CandidateDetail() -> impl IntoView {
    let id = route_id();
    let score = ScoreData::new(id);
    let decisions = DecisionsData::new(id);
    let sections = Sections {
        score: ViewFn::from(move || view! { <ScoreSectionView data=score/> }),
        decisions: ViewFn::from(move || id().map(|id| view! { <Decisions id data=decisions/> })),
    };
    view! { <CandidateDetailPage sections/> }
}
