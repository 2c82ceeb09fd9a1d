//! The admin page for a municipality's single sign-on: its provider, client and role mapping.

use crate::admin::pages::AdminNav;
use crate::identity::auth::pages::signed_in;
use crate::identity::sso::model::SsoSettings;
use crate::identity::sso::server_fns::{get_sso_settings, SaveSsoSettings};
use crate::identity::texts::use_texts;
use crate::ui::form::FormErrors;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SsoAdminPage() -> impl IntoView {
    let t = use_texts();
    let settings = Resource::new(|| (), |_| get_sso_settings());
    view! {
        <Title text=t.sso_title/>
        <h1>{t.sso_title}</h1>
        <AdminNav/>
        <p class="lead">{t.sso_intro}</p>
        {signed_in(settings, "/admin/sso".into(), |settings| view! { <SsoForm settings/> })}
    }
}

#[component]
fn SsoForm(settings: SsoSettings) -> impl IntoView {
    let t = use_texts();
    // Created inside the route, so that with JavaScript off it picks up the error the server
    // put in the URL.
    let action = ServerAction::<SaveSsoSettings>::new();
    let query = use_query_map();
    // After a save the server sends the browser here with ?saved=1 (with or without wasm).
    let saved = move || query.read().get("saved").is_some() && !matches!(action.value().get(), Some(Err(_)));
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    // Write-only secret: after a successful save in the hydrated page (which stays mounted),
    // empty the field and say that a secret is now stored.
    let has_secret = RwSignal::new(settings.has_secret);
    let secret_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            if let Some(input) = secret_input.get_untracked() {
                if !input.value().is_empty() {
                    has_secret.set(true);
                }
                input.set_value("");
            }
        }
    });
    let secret_hint =
        move || if has_secret.get() { t.sso_client_secret_hint_stored } else { t.sso_client_secret_hint_none };
    view! {
        <p>{t.sso_redirect_url}" "<code data-testid="redirect-url">{settings.redirect_url.clone()}</code></p>
        <ActionForm action attr:class="form">
            {move || saved().then(|| view! { <p class="notice" role="status">{t.sso_saved}</p> })}
            {errors.alert()}
            <div class="field">
                <label for="issuer">{t.sso_issuer}</label>
                <p class="hint" id="issuer-hint">{t.sso_issuer_hint}</p>
                <input id="issuer" name="form[issuer]" type="url" required value=settings.issuer.clone()
                    autocomplete="off"
                    aria-invalid=errors.invalid("issuer")
                    aria-describedby=errors.described_by("issuer", true)/>
                {errors.message("issuer")}
            </div>
            <div class="field">
                <label for="client_id">{t.sso_client_id}</label>
                <input id="client_id" name="form[client_id]" type="text" required value=settings.client_id.clone()
                    autocomplete="off"
                    aria-invalid=errors.invalid("client_id")
                    aria-describedby=errors.described_by("client_id", false)/>
                {errors.message("client_id")}
            </div>
            <div class="field">
                <label for="client_secret">{t.sso_client_secret}</label>
                <p class="hint" id="client_secret-hint">{secret_hint}</p>
                // Write-only: the stored secret never comes back to the browser.
                <input id="client_secret" name="form[client_secret]" type="password" autocomplete="new-password"
                    node_ref=secret_input
                    aria-invalid=errors.invalid("client_secret")
                    aria-describedby=errors.described_by("client_secret", true)/>
                {errors.message("client_secret")}
            </div>
            <div class="field">
                <label for="groups_claim">{t.sso_groups_claim}</label>
                <p class="hint" id="groups_claim-hint">{t.sso_groups_claim_hint}</p>
                <input id="groups_claim" name="form[groups_claim]" type="text" value=settings.groups_claim.clone()
                    autocomplete="off"
                    aria-invalid=errors.invalid("groups_claim")
                    aria-describedby=errors.described_by("groups_claim", true)/>
                {errors.message("groups_claim")}
            </div>
            <div class="field">
                <label for="role_mapping">{t.sso_role_mapping}</label>
                <p class="hint" id="role_mapping-hint">{t.sso_role_mapping_hint}</p>
                <textarea id="role_mapping" name="form[role_mapping]" rows="4"
                    aria-invalid=errors.invalid("role_mapping")
                    aria-describedby=errors.described_by("role_mapping", true)>
                    // tachys writes a textarea's text unescaped.
                    {crate::ui::raw_text::escaped_on_server(settings.role_mapping.clone())}
                </textarea>
                {errors.message("role_mapping")}
            </div>
            <div class="field checkbox">
                <input id="enabled" name="form[enabled]" type="checkbox" value="on" checked=settings.enabled/>
                <label for="enabled">{t.sso_enabled}</label>
            </div>
            <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.sso_save}</button>
        </ActionForm>
    }
}
