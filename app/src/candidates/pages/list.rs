use crate::candidates::api::list_candidates;
use crate::i18n::{use_locale, use_texts};
use crate::layout::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn CandidateListPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let candidates = Resource::new(|| (), |_| list_candidates());
    view! {
        <Title text=t.list_title/>
        <div class="page-head">
            <h1>{t.list_title}</h1>
            <A href="/candidates/new" attr:class="button primary">{t.nav_report}</A>
        </div>
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
            {move || Suspend::new(async move {
                match candidates.await {
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>{t.list_empty}</p> }.into_any(),
                    Ok(list) => view! {
                        <p role="status">{(t.list_count)(list.len())}</p>
                        <div class="table-wrap">
                            <table class="candidates">
                                <caption class="visually-hidden">{t.list_title}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t.col_title}</th>
                                        <th scope="col">{t.col_municipality}</th>
                                        <th scope="col">{t.col_department}</th>
                                        <th scope="col">{t.col_phase}</th>
                                        <th scope="col" class="num">{t.col_hours_per_year}</th>
                                        <th scope="col">{t.col_reported}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|c| view! {
                                        <tr>
                                            <th scope="row">
                                                <A href=format!("/candidates/{}", c.id)>{c.title}</A>
                                            </th>
                                            <td>{c.municipality}</td>
                                            <td>{c.department.unwrap_or_default()}</td>
                                            <td>{(t.phase_name)(c.phase)}</td>
                                            <td class="num">{locale.number(c.manual_hours_per_year, 0)}</td>
                                            <td>{locale.date(c.created_on)}</td>
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
