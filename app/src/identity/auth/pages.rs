//! Sign-in page and the header's user menu.

use crate::common::error::AppError;
use crate::identity::auth::server_fns::{get_current_user, Login, Logout};
use crate::identity::sso::pages::SsoLinks;
use crate::identity::texts::use_texts;
use crate::ui::page::ErrorView;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn UserMenu() -> impl IntoView {
    let t = use_texts();
    let logout = ServerAction::<Logout>::new();
    let location = use_location();
    // Signing in ends on another page, signing out bumps the action: either refreshes this.
    let user = Resource::new(move || (location.pathname.get(), logout.version().get()), |_| get_current_user());
    view! {
        <div class="user-menu">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(me)) => view! {
                            <span class="whoami">
                                {t.signed_in_as}" "<strong>{me.display_name}</strong>
                                " ("{me.municipality}")"
                            </span>
                            {admin_home(&me.roles).map(|href| view! { <a href=href>{t.nav_admin}</a> })}
                            <a href="/me/tokens">{t.nav_tokens}</a>
                            <a href="/me/data.json" rel="external" download="autoport-my-data.json">{t.my_data}</a>
                            <ActionForm action=logout attr:class="inline">
                                <button type="submit" class="link-button">{t.sign_out}</button>
                            </ActionForm>
                        }.into_any(),
                        _ => view! { <a href="/login">{t.sign_in}</a> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    // Created inside the route, so that with JavaScript off it picks up the error the server
    // put in the URL.
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = move || login.value().get().and_then(|r| r.err());
    let sso_failed = move || query.read().get("sso_error").is_some();
    view! {
        <Title text=t.login_title/>
        <h1>{t.login_title}</h1>
        {move || sso_failed().then(|| view! { <p class="error" role="alert">{t.sso_failed}</p> })}
        <SsoLinks/>
        <ActionForm action=login attr:class="form narrow">
            {move || error().map(|e| view! { <ErrorView error=e/> })}
            <input type="hidden" name="next" value=next/>
            <div class="field">
                <label for="email">{t.login_email}</label>
                <input id="email" name="email" type="email" autocomplete="username" required/>
            </div>
            <div class="field">
                <label for="password">{t.login_password}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
            </div>
            <button type="submit" class="button primary">{t.login_submit}</button>
        </ActionForm>
    }
}

/// Shown where a page needs a signed-in person.
#[component]
pub fn SignInPrompt(#[prop(into)] next: String) -> impl IntoView {
    let t = use_texts();
    crate::ui::page::set_page_status(401);
    view! {
        <p class="notice" role="status">
            {t.login_required}" "
            <a href=format!("/login?next={next}")>{t.sign_in}</a>
        </p>
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
                        Err(error) => view! { <crate::ui::page::ErrorView error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Where "Administration" in the menu leads for someone with these roles, if anywhere.
pub fn admin_home(roles: &[crate::identity::model::Role]) -> Option<&'static str> {
    if roles.contains(&crate::identity::model::Role::MunicipalityAdmin) {
        Some("/admin/users")
    } else if roles.contains(&crate::identity::model::Role::ConsortiumAdmin) {
        Some("/admin/consortium")
    } else {
        None
    }
}
