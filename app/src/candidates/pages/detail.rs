use crate::candidates::api::get_candidate;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use crate::identity::model::PersonRef;
use crate::layout::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CandidateDetailPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let candidate = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_candidate(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
            {move || Suspend::new(async move {
                match candidate.await {
                    Err(error) => view! {
                        <Title text=t.error(&error)/>
                        <h1>{t.error(&error)}</h1>
                        <ErrorView error/>
                        <p><A href="/candidates">{t.back_to_list}</A></p>
                    }.into_any(),
                    Ok(c) => {
                        let figures = c.figures();
                        let per = (t.per_period)(c.period);
                        view! {
                            <Title text=c.title.clone()/>
                            <p class="breadcrumb"><A href="/candidates">{t.back_to_list}</A></p>
                            <article class="candidate">
                                <h1>{c.title.clone()}</h1>
                                <p class="meta">
                                    <span class="badge">{(t.phase_name)(c.phase)}</span>
                                    " "<span class="badge muted">{(t.status_name)(c.status)}</span>
                                    " · "{c.municipality.clone()}
                                    {c.department.clone().map(|d| format!(" › {d}"))}
                                </p>
                                <h2>{t.detail_description}</h2>
                                <p class="prose">{c.description.clone()}</p>
                                <h2>{t.detail_volumetrics}</h2>
                                <dl class="figures">
                                    <div><dt>{t.detail_volume}</dt>
                                        <dd>{format!("{} {per}", locale.quantity(c.volume))}</dd></div>
                                    <div><dt>{t.detail_minutes}</dt>
                                        <dd>{locale.quantity(c.minutes_per_case)}</dd></div>
                                    <div><dt>{t.detail_annual_volume}</dt>
                                        <dd>{locale.number(figures.annual_volume, 0)}</dd></div>
                                    <div><dt>{t.detail_manual_hours}</dt>
                                        <dd data-testid="manual-hours">{locale.number(figures.manual_hours, 0)}</dd></div>
                                    <div><dt>{t.detail_fte}</dt>
                                        <dd>{locale.number(figures.fte, 2)}</dd></div>
                                </dl>
                                <dl class="facts">
                                    <div><dt>{t.detail_reporter}</dt><dd>{match c.reporter.clone() {
                                        PersonRef::Named(name) => name,
                                        PersonRef::FormerEmployee => t.former_employee.to_owned(),
                                        PersonRef::Withheld => t.person_withheld.to_owned(),
                                    }}</dd></div>
                                    <div><dt>{t.detail_visibility}</dt><dd>{(t.visibility_name)(c.visibility)}</dd></div>
                                    <div><dt>{t.col_reported}</dt><dd>{locale.date(c.created_on)}</dd></div>
                                </dl>
                            </article>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
