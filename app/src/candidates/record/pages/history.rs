//! The audit trail of one candidate: who changed what, when, from what to what.

use crate::candidates::activity::pages::{CandidateTabs, Tab};
use crate::candidates::model::{HistoryEvent, Phase, Status};
use crate::candidates::pages::route_id;
use crate::candidates::server_fns::get_history;
use crate::candidates::texts::{use_texts, Texts};
use crate::common::error::AppError;
use crate::common::locale::use_locale;
use crate::ui::page::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// A stored value as the reader's language shows it: phase and status names translated.
fn shown(t: &Texts, field: &str, value: Option<&str>) -> String {
    let Some(value) = value else { return "–".to_owned() };
    match field {
        "phase" => Phase::parse(value).map(|p| p.label(t.locale).to_owned()),
        "status" => Status::parse(value).map(|s| s.label(t.locale).to_owned()),
        "duplicate_of" => Some(format!("#{value}")),
        _ => None,
    }
    .unwrap_or_else(|| value.to_owned())
}

#[component]
pub fn CandidateHistoryPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let id = route_id();
    let history = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_history(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=t.history_title/>
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
            {move || Suspend::new(async move {
                let candidate = id().unwrap_or_default();
                match history.await {
                    Err(error) => view! {
                        <h1>{t.error(&error)}</h1>
                        <ErrorView error/>
                        <p><A href="/candidates">{t.back_to_list}</A></p>
                    }.into_any(),
                    Ok(events) => view! {
                        <p class="breadcrumb"><A href=format!("/candidates/{candidate}")>{format!("#{candidate}")}</A></p>
                        <h1>{t.history_title}</h1>
                        <CandidateTabs id=candidate current=Tab::History with_history=true/>
                        <p class="lead">{t.history_intro}</p>
                        {events.is_empty().then(|| view! { <p>{t.history_empty}</p> })}
                        <div class="table-wrap">
                            <table class="history">
                                <caption class="visually-hidden">{t.history_title}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t.history_col_when}</th>
                                        <th scope="col">{t.history_col_who}</th>
                                        <th scope="col">{t.history_col_what}</th>
                                        <th scope="col">{t.history_col_before}</th>
                                        <th scope="col">{t.history_col_after}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {events.into_iter().map(|e: HistoryEvent| view! {
                                        <tr>
                                            <td><time datetime=e.at.date().to_string()>{locale.moment(e.at)}</time></td>
                                            <td>{t.person(&e.actor)}</td>
                                            <th scope="row">{t.field_label(&e.field)}</th>
                                            {if e.field.starts_with("contact_") {
                                                view! { <td colspan="2">{t.history_value_hidden}</td> }.into_any()
                                            } else {
                                                view! {
                                                    <td>{shown(t, &e.field, e.old_value.as_deref())}</td>
                                                    <td>{shown(t, &e.field, e.new_value.as_deref())}</td>
                                                }.into_any()
                                            }}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
