//! The sign-in page's provider links ("Sign in with …"). The settings page is in admin/sso.

use crate::identity::sso::server_fns::get_sso_links;
use crate::identity::texts::use_texts;
use leptos::prelude::*;

/// "Sign in with <municipality>" for every enabled provider; nothing when there is none.
#[component]
pub fn SsoLinks() -> impl IntoView {
    let t = use_texts();
    let links = Resource::new(|| (), |_| get_sso_links());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let links = links.await.unwrap_or_default();
                (!links.is_empty()).then(|| view! {
                    <ul class="sso-links">
                        {links.into_iter().map(|l| view! {
                            <li>
                                // rel=external: a full page load to the server route, not the router.
                                <a class="button" rel="external" href=format!("/auth/oidc/{}", l.code)>
                                    {t.sso_sign_in_with(&l.municipality)}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                    <p>{t.sso_or}</p>
                })
            })}
        </Suspense>
    }
}
