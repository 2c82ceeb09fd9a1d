//! The municipality admin's page for a contact person's request to be erased: a search (a
//! plain GET form), the candidates that name them, and an erase form that works without
//! JavaScript.

use crate::admin::contacts::model::ContactSearch;
use crate::admin::contacts::server_fns::{search_contacts, EraseContacts};
use crate::admin::pages::AdminNav;
use crate::admin::texts::use_texts;
use crate::identity::auth::pages::signed_in;
use crate::ui::form::FormErrors;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ContactErasurePage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let erase = ServerAction::<EraseContacts>::new();
    let data = Resource::new(
        move || (query.read().get("q").unwrap_or_default(), erase.version().get()),
        |(q, _)| search_contacts(q),
    );
    view! {
        <Title text=t.contacts_title/>
        <h1>{t.contacts_title}</h1>
        <AdminNav/>
        {signed_in(data, "/admin/contacts".into(), move |data| view! { <Contacts data erase/> })}
    }
}

#[component]
fn Contacts(data: ContactSearch, erase: ServerAction<EraseContacts>) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let erased = move || query.read().get("erased").and_then(|n| n.parse::<usize>().ok());
    let errors = FormErrors::new(Signal::derive(move || erase.value().get().and_then(|r| r.err())));
    let ContactSearch { query: asked, matches } = data;
    let short = !asked.is_empty() && asked.chars().count() < 3;
    let outcome = if asked.is_empty() {
        None
    } else if short {
        Some(t.contacts_too_short)
    } else if matches.is_empty() {
        Some(t.contacts_none)
    } else {
        None
    };
    let hidden_query = asked.clone();
    let results = (!matches.is_empty()).then(move || {
        let count = t.contacts_found(matches.len());
        view! {
            <ActionForm action=erase attr:class="form">
                {errors.alert()}
                <input type="hidden" name="form[query]" value=hidden_query/>
                {errors.message("candidates")}
                <table class="table">
                    <caption>{count}</caption>
                    <thead>
                        <tr>
                            <th scope="col"><span class="visually-hidden">{t.contacts_choose}</span></th>
                            <th scope="col">{t.contacts_candidate}</th>
                            <th scope="col">{t.contacts_name}</th>
                            <th scope="col">{t.login_email}</th>
                            <th scope="col">{t.contacts_phone}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {matches.into_iter().map(|m| {
                            let id = format!("contact-{}", m.candidate_id);
                            let label = t.contacts_choose_candidate(&m.title);
                            view! {
                                <tr>
                                    <td>
                                        <input type="checkbox" id=id.clone() name="form[candidates][]"
                                            value=m.candidate_id.to_string()
                                            aria-describedby=errors.described_by("candidates", false)/>
                                        <label for=id class="visually-hidden">{label}</label>
                                    </td>
                                    <td><a href=format!("/candidates/{}", m.candidate_id)>{m.title}</a></td>
                                    <td>{m.name}</td>
                                    <td>{m.email}</td>
                                    <td>{m.phone}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="field checkbox">
                    <input id="confirm" name="form[confirm]" type="checkbox" value="yes" required
                        aria-invalid=errors.invalid("confirm")
                        aria-describedby=errors.described_by("confirm", false)/>
                    <label for="confirm">{t.contacts_confirm}</label>
                    {errors.message("confirm")}
                </div>
                <button type="submit" class="button danger">{t.contacts_erase}</button>
            </ActionForm>
        }
    });
    view! {
        {move || erased().map(|n| view! { <p class="notice" role="status">{t.contacts_erased(n)}</p> })}
        <p>{t.contacts_explained}</p>
        <form method="get" action="/admin/contacts" role="search" class="form">
            <div class="field">
                <label for="q">{t.contacts_search}</label>
                <p class="hint" id="q-hint">{t.contacts_search_hint}</p>
                <input id="q" name="q" type="search" value=asked minlength="3" maxlength="200"
                    aria-describedby="q-hint" autocomplete="off"/>
            </div>
            <button type="submit" class="button">{t.contacts_find}</button>
        </form>
        {outcome.map(|text| view! { <p role="status">{text}</p> })}
        {results}
    }
}
