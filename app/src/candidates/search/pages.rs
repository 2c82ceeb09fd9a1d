//! `/candidates`: search, filters, order and pages, all in the URL. The form is a plain GET
//! form and the pages are links, so a search can be shared and works without JavaScript.

use crate::candidates::model::{CandidateListView, CandidatePage, Phase, Status, Visibility};
use crate::candidates::search::model::{CandidateQuery, Sort};
use crate::candidates::server_fns::search_candidates;
use crate::candidates::texts::use_texts;
use crate::common::locale::use_locale;
use crate::ui::page::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn CandidateListPage() -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    let data = Resource::new(move || location.search.get(), search_candidates);
    view! {
        <Title text=t.list_title/>
        <div class="page-head">
            <h1>{t.list_title}</h1>
            <A href="/candidates/new" attr:class="button primary">{t.nav_report}</A>
        </div>
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                    Ok(view) => view! { <ListBody view/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/candidates` with this query (and no `?` for the plain list).
fn list_href(query: &CandidateQuery) -> String {
    match query.to_query_string() {
        qs if qs.is_empty() => "/candidates".to_owned(),
        qs => format!("/candidates?{qs}"),
    }
}

#[component]
fn ListBody(view: CandidateListView) -> impl IntoView {
    let t = use_texts();
    let results = view.results.clone();
    let export = format!("/candidates/export.csv?{}", results.query.with_page(0).to_query_string());
    view! {
        <SearchForm view=view.clone()/>
        {(!results.notes.is_empty()).then(|| view! {
            <div class="notice query-notes">
                <p>{t.query_notes_heading}</p>
                <ul>{results.notes.iter().map(|n| view! { <li>{n.label(t.locale)}</li> }).collect_view()}</ul>
            </div>
        })}
        <div class="results-head">
            <p role="status" id="results-count">
                {if results.total == 0 {
                    t.results_none.to_owned()
                } else if results.more {
                    t.results_more(results.total, results.page)
                } else {
                    t.results_count(results.total, results.page, results.pages)
                }}
            </p>
            // A plain download, outside the client-side router.
            {view.signed_in.then(|| view! {
                <a class="button" href=export rel="external" download="candidates.csv">{t.export_csv}</a>
            })}
            {view.may_import.then(|| view! { <a class="button" href="/candidates/import">{t.import_link}</a> })}
        </div>
        {(!results.items.is_empty()).then(|| view! { <ResultTable results=results.clone()/> })}
        <Pager results/>
    }
}

#[component]
fn SearchForm(view: CandidateListView) -> impl IntoView {
    let t = use_texts();
    let q = view.results.query;
    let sort = q.sort.unwrap_or(Sort::Relevance);
    let date = |d: Option<time::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <form class="search" method="get" action="/candidates" role="search">
            <div class="field">
                <label for="q">{t.search_label}</label>
                <p class="hint" id="q-hint">{t.search_hint}</p>
                <input id="q" name="q" type="search" value=q.text.clone() aria-describedby="q-hint" maxlength="200"/>
            </div>
            <fieldset class="filters">
                <legend>{t.filters_legend}</legend>
                <Choices legend=t.col_phase name="phase" options=Phase::ALL.iter().map(|p| (p.as_str(), p.label(t.locale), q.phases.contains(p))).collect()/>
                <Choices legend=t.filter_status name="status" options=Status::ALL.iter().map(|s| (s.as_str(), s.label(t.locale), q.statuses.contains(s))).collect()/>
                <Choices legend=t.detail_visibility name="visibility" options=Visibility::ALL.iter().map(|v| (v.as_str(), v.label(t.locale), q.visibilities.contains(v))).collect()/>
                {(!view.departments.is_empty()).then(|| view! {
                    <div class="field">
                        <label for="department">{t.col_department}</label>
                        <select id="department" name="department">
                            <option value="">{t.filter_any}</option>
                            {view.departments.iter().map(|d| view! {
                                <option value=d.id.to_string() selected=q.department == Some(d.id)>{d.label.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="municipality">{t.col_municipality}</label>
                    <select id="municipality" name="municipality">
                        <option value="">{t.filter_any}</option>
                        {view.municipalities.iter().map(|m| view! {
                            <option value=m.id.to_string() selected=q.municipality == Some(m.id)>{m.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <LabelFilter id="subject" label=t.filter_subject_area value=q.subject_area.clone() options=view.labels.subject_areas.clone()/>
                <LabelFilter id="system" label=t.filter_it_system value=q.it_system.clone() options=view.labels.it_systems.clone()/>
                <LabelFilter id="technology" label=t.filter_technology value=q.technology.clone() options=view.labels.technologies.clone()/>
                {view.signed_in.then(|| view! {
                    <div class="field check">
                        <input id="mine" name="mine" type="checkbox" value="1" checked=q.mine/>
                        <label for="mine">{t.filter_mine}</label>
                    </div>
                    <div class="field check">
                        <input id="followed" name="followed" type="checkbox" value="1" checked=q.followed/>
                        <label for="followed">{t.filter_followed}</label>
                    </div>
                })}
                <div class="field">
                    <label for="from">{t.filter_from}</label>
                    <input id="from" name="from" type="date" value=date(q.created_from)/>
                </div>
                <div class="field">
                    <label for="to">{t.filter_to}</label>
                    <input id="to" name="to" type="date" value=date(q.created_to)/>
                </div>
            </fieldset>
            <div class="field">
                <label for="sort">{t.sort_label}</label>
                <select id="sort" name="sort">
                    {Sort::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=*s == sort>{s.label(t.locale)}</option>
                    }).collect_view()}
                </select>
            </div>
            <p class="actions">
                <button type="submit" class="button primary">{t.search_submit}</button>
                " "<a href="/candidates">{t.search_clear}</a>
            </p>
        </form>
    }
}

/// A free-text label filter (`id` is also the parameter name) suggesting the labels in use.
#[component]
fn LabelFilter(id: &'static str, label: &'static str, value: Option<String>, options: Vec<String>) -> impl IntoView {
    let list = format!("{id}-labels");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name=id type="text" value=value.unwrap_or_default() list=list.clone() maxlength="60" autocomplete="off"/>
            <datalist id=list>
                {options.into_iter().map(|o| view! { <option value=o></option> }).collect_view()}
            </datalist>
        </div>
    }
}

/// A group of checkboxes sharing one parameter name, any of which may be ticked.
#[component]
fn Choices(
    legend: &'static str,
    name: &'static str,
    options: Vec<(&'static str, &'static str, bool)>,
) -> impl IntoView {
    view! {
        <fieldset class="choices">
            <legend>{legend}</legend>
            {options.into_iter().map(|(value, label, checked)| {
                let id = format!("{name}-{value}");
                view! {
                    <span class="check">
                        <input type="checkbox" id=id.clone() name=name value=value checked=checked/>
                        <label for=id>{label}</label>
                    </span>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn ResultTable(results: CandidatePage) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    view! {
        <div class="table-wrap">
            <table class="candidates" aria-describedby="results-count">
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
                    {results.items.into_iter().map(|c| view! {
                        <tr>
                            <th scope="row">
                                <A href=format!("/candidates/{}", c.id)>{c.title}</A>
                            </th>
                            <td>{c.municipality}</td>
                            <td>{c.department.unwrap_or_default()}</td>
                            <td>{c.phase.label(t.locale)}</td>
                            <td class="num">{locale.number(c.manual_hours_per_year, 0)}</td>
                            <td>{locale.date(c.created_on)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The page numbers worth a link: the first, the last, and two either side of the current.
fn page_window(page: u32, pages: u32) -> Vec<u32> {
    let mut shown: Vec<u32> =
        [1, pages].into_iter().chain(page.saturating_sub(2).max(1)..=(page + 2).min(pages)).collect();
    shown.sort_unstable();
    shown.dedup();
    shown
}

// Plain links: the router's `<A>` marks every link to `/candidates` as the current page.
#[component]
fn Pager(results: CandidatePage) -> impl IntoView {
    let t = use_texts();
    let (page, pages, more) = (results.page, results.pages, results.more);
    let q = results.query;
    (pages > 1 || more).then(|| {
        let mut last_shown = 0;
        let mut items = Vec::new();
        if page > 1 {
            items.push(view! { <li><a href=list_href(&q.with_page(page - 1)) rel="prev">{t.page_previous}</a></li> }.into_any());
        }
        for n in page_window(page, pages) {
            if n > last_shown + 1 {
                items.push(view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any());
            }
            last_shown = n;
            let current = (n == page).then_some("page");
            items.push(view! {
                <li><a href=list_href(&q.with_page(n)) aria-current=current aria-label=t.page_link(n)>{n.to_string()}</a></li>
            }.into_any());
        }
        if more {
            items.push(view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any());
        }
        if page < pages || more {
            items.push(view! { <li><a href=list_href(&q.with_page(page + 1)) rel="next">{t.page_next}</a></li> }.into_any());
        }
        view! { <nav class="pager" aria-label=t.pages_label><ul>{items}</ul></nav> }
    })
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn pages_around_the_current_one() {
        assert_eq!(page_window(1, 1), vec![1]);
        assert_eq!(page_window(1, 10), vec![1, 2, 3, 10]);
        assert_eq!(page_window(6, 10), vec![1, 4, 5, 6, 7, 8, 10]);
        assert_eq!(page_window(10, 10), vec![1, 8, 9, 10]);
    }
}
