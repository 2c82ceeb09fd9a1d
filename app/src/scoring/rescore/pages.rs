//! `/scoring/rescore`: re-score a backlog onto the current model version, after a preview of
//! what changes. The backlog is chosen with a plain GET form; applying is a POST form carrying
//! the previewed version, so both work without JavaScript.

use crate::common::error::AppError;
use crate::common::locale::use_locale;
use crate::identity::auth::pages::signed_in;
use crate::scoring::compute::Quadrant;
use crate::scoring::model::Scope;
use crate::scoring::rescore::server_fns::{get_rescore_preview, ApplyRescore};
use crate::scoring::rescore::service::{Change, Preview};
use crate::scoring::texts::{use_texts, Texts};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn quadrant_name(t: &Texts, q: Quadrant) -> &'static str {
    match q {
        Quadrant::QuickWin => t.rescore_quick_win,
        Quadrant::Strategic => t.rescore_strategic,
        Quadrant::FillIn => t.rescore_fill_in,
        Quadrant::Reconsider => t.rescore_reconsider,
    }
}

#[component]
pub fn RescorePage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let scope =
        Memo::new(move |_| query.read().get("scope").and_then(|s| Scope::from_key(&s)).unwrap_or(Scope::Municipality));
    // With the page, so that without JavaScript it picks up the error the server put in the
    // URL, and the hydrated page reloads the preview after applying.
    let apply = ServerAction::<ApplyRescore>::new();
    let data = Resource::new(
        move || (scope.get(), apply.version().get()),
        |(scope, _)| get_rescore_preview(scope.key().to_owned()),
    );
    let next = move || format!("/scoring/rescore?scope={}", scope.get_untracked().key());
    view! {
        <Title text=t.rescore_title/>
        <h1>{t.rescore_title}</h1>
        <form method="get" action="/scoring/rescore" class="form rescore-scope">
            <fieldset>
                <legend>{t.rescore_scope_legend}</legend>
                {Scope::ALL.into_iter().map(|s| {
                    let label = match s {
                        Scope::Municipality => t.rescore_scope_municipality,
                        Scope::Consortium => t.rescore_scope_consortium,
                    };
                    let id = format!("rescore-scope-{}", s.key());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="scope" value=s.key() checked=move || scope.get() == s/>
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{t.rescore_show}</button>
        </form>
        {signed_in(data, next(), move |preview| view! { <PreviewView preview action=apply/> })}
    }
}

#[component]
fn PreviewView(preview: Preview, action: ServerAction<ApplyRescore>) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let done = move || query.read().get("done").is_some();
    let error = move || action.value().get().and_then(|r| r.err());
    let ranked = u32::try_from(preview.assessed).unwrap_or(u32::MAX);
    let summary = [
        (t.rescore_assessed, preview.assessed),
        (t.rescore_current, preview.current),
        (t.rescore_rescorable, preview.rescorable),
        (t.rescore_needs_answers_count, preview.needs_answers_count),
        (t.rescore_rank_changes, preview.rank_changes),
        (t.rescore_quadrant_changes, preview.quadrant_changes),
        (t.rescore_newly_knocked_out, preview.newly_knocked_out),
    ];
    let labels = preview.labels.clone();
    let locale = use_locale();
    view! {
        <p class="lead">{t.rescore_intro(preview.target_version)}</p>
        {move || done().then(|| view! { <p class="notice" role="status">{t.rescore_done}</p> })}
        {move || error().map(|e| {
            let text = match e {
                AppError::Conflict => t.rescore_version_changed,
                other => t.error(&other),
            };
            view! { <p class="error" role="alert">{text}</p> }
        })}
        <section aria-labelledby="rescore-summary">
            <h2 id="rescore-summary">{t.rescore_summary}</h2>
            <dl class="figures rescore-summary">
                {summary.into_iter().map(|(label, n)| view! {
                    <div><dt>{label}</dt><dd>{locale.number(n as f64, 0)}</dd></div>
                }).collect_view()}
            </dl>
        </section>
        {if preview.rescorable > 0 {
            view! {
                <ActionForm action attr:class="form rescore-apply">
                    <input type="hidden" name="scope" value=preview.scope.key()/>
                    <input type="hidden" name="version" value=preview.target_version.to_string()/>
                    <p id="rescore-apply-hint" class="hint">{t.rescore_apply_hint}</p>
                    <button type="submit" class="button primary" aria-describedby="rescore-apply-hint">
                        {t.rescore_apply(preview.rescorable, preview.target_version)}
                    </button>
                </ActionForm>
            }.into_any()
        } else {
            view! { <p class="notice">{t.rescore_nothing}</p> }.into_any()
        }}
        {(!preview.changes.is_empty()).then(|| view! {
            <div class="table-scroll">
                <table class="table rescore-changes">
                    <caption>{t.rescore_changes_caption(preview.changes.len(), preview.changes_total)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.rescore_col_candidate}</th>
                            <th scope="col">{t.rescore_col_version}</th>
                            <th scope="col">{t.rescore_col_utility}</th>
                            <th scope="col">{t.rescore_col_rank}</th>
                            <th scope="col">{t.rescore_col_quadrant}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {preview.changes.into_iter().map(|c| view! { <ChangeRow c ranked/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {(!preview.needs_answers.is_empty()).then(|| view! {
            <table class="table rescore-needs">
                <caption>{t.rescore_needs_caption(preview.needs_answers.len(), preview.needs_answers_count)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.rescore_col_candidate}</th>
                        <th scope="col">{t.rescore_col_version}</th>
                    </tr>
                </thead>
                <tbody>
                    {preview.needs_answers.into_iter().map(|n| {
                        let criteria = n.missing.iter()
                            .map(|k| labels.get(k).map_or(k.as_str(), |l| l.get(locale)))
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/candidates/{}", n.candidate_id)>{n.title}</a>
                                    <span class="rescore-missing">{t.rescore_needs(&criteria)}</span>
                                </th>
                                <td>{n.old_version}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

#[component]
fn ChangeRow(c: Change, ranked: u32) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let rank = |r: Option<u32>| r.map_or_else(|| t.rescore_not_ranked.to_owned(), |r| r.to_string());
    let pair =
        |a: String, b: String| if a == b { format!("{a} ({})", t.rescore_unchanged) } else { format!("{a} → {b}") };
    let moved = c.movement(ranked);
    let quadrant = pair(quadrant_name(t, c.old_quadrant).to_owned(), quadrant_name(t, c.new_quadrant).to_owned());
    view! {
        <tr>
            <th scope="row"><a href=format!("/candidates/{}", c.candidate_id)>{c.title}</a></th>
            <td>{pair(c.old_version.to_string(), c.new_version.to_string())}</td>
            <td class="number">{pair(locale.number(c.old_utility, 1), locale.number(c.new_utility, 1))}</td>
            <td class="number" data-moved=moved>{pair(rank(c.old_rank), rank(c.new_rank))}</td>
            <td>
                {quadrant}
                {c.newly_knocked_out.then(|| view! { <strong class="rescore-ko">" · "{t.rescore_knocked_out_note}</strong> })}
            </td>
        </tr>
    }
}
