//! The "Score" section of a candidate's page (every number explained: each criterion's answer,
//! points, weight and contribution, grouped by axis) and the history of its snapshots.

use crate::common::error::AppError;
use crate::common::locale::{use_locale, Locale};
use crate::scoring::assessment::model::{HistoryEntry, ScoreBreakdown, ScoreSection};
use crate::scoring::assessment::server_fns::{get_score, get_score_history};
use crate::scoring::model::Axis;
use crate::scoring::model::Cause;
use crate::scoring::texts::{use_texts, Texts};
use crate::ui::page::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The section's data, created by the page outside its Suspense (as the attachments' data).
#[derive(Clone, Copy)]
pub struct ScoreData {
    section: Resource<Result<ScoreSection, AppError>>,
}

impl ScoreData {
    pub fn new(id: impl Fn() -> Option<i64> + Copy + Send + Sync + 'static) -> ScoreData {
        ScoreData {
            section: Resource::new(id, |id| async move {
                match id {
                    Some(id) => get_score(id).await,
                    None => Err(AppError::NotFound),
                }
            }),
        }
    }
}

#[component]
pub fn ScoreSectionView(data: ScoreData) -> impl IntoView {
    let t = use_texts();
    let saved = use_query_map().with_untracked(|q| q.get("assessed").is_some());
    let section = data.section;
    view! {
        <section class="score" id="score" aria-labelledby="score-heading">
            <h2 id="score-heading">{t.assess_heading}</h2>
            {saved.then(|| view! { <p class="notice" role="status">{t.assess_saved}</p> })}
            <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
                {move || Suspend::new(async move {
                    match section.await {
                        Ok(s) => view! { <ScoreBody section=s/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{t.error(&error)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// "76.0 (−20.8)": a score with its change, when there is one.
fn with_change(locale: Locale, value: f64, change: Option<f64>) -> String {
    let value = locale.number(value, 1);
    match change {
        Some(c) if c.abs() >= 0.05 => {
            let sign = if c > 0.0 { "+" } else { "−" };
            format!("{value} ({sign}{})", locale.number(c.abs(), 1))
        }
        Some(_) => format!("{value} (±0)"),
        None => value,
    }
}

#[component]
fn ScoreBody(section: ScoreSection) -> impl IntoView {
    let t = use_texts();
    let id = section.candidate_id;
    let link = section.may_assess.then(|| {
        let text = if section.score.is_some() { t.assess_update_link } else { t.assess_link };
        view! { <p><A href=format!("/candidates/{id}/assessment") attr:class="button">{text}</A></p> }
    });
    match section.score {
        None => view! {
            <p>{t.assess_not_assessed}</p>
            {link}
        }
        .into_any(),
        Some(score) => view! {
            <Breakdown score/>
            {link}
            <p><A href=format!("/candidates/{id}/scores")>{t.assess_history_link}</A></p>
        }
        .into_any(),
    }
}

#[component]
fn Breakdown(score: ScoreBreakdown) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let ko = if score.knocked_out.is_empty() {
        view! { <p class="ko-none">{t.assess_no_ko}</p> }.into_any()
    } else {
        view! {
            <div class="ko" role="note">
                <p><strong>{"⛔ "}{t.assess_ko_heading}</strong></p>
                <ul>
                    {score.knocked_out.iter().map(|k| view! {
                        <li>{format!("{}: {}", k.label, k.answer_text)}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    };
    let groups = Axis::ALL.map(|axis| {
        let lines: Vec<_> = score.lines.iter().filter(|l| l.axis == axis).cloned().collect();
        let weight: f64 = lines.iter().map(|l| l.weight).sum();
        let total = match axis {
            Axis::Value => score.value,
            Axis::Feasibility => score.feasibility,
        };
        let name = axis.label(t.locale);
        view! {
            <tbody>
                <tr class="axis"><th scope="rowgroup" colspan="5">{name}</th></tr>
                {lines.into_iter().map(|l| view! {
                    <tr class:knocked-out=l.knocked_out>
                        <th scope="row">{l.label}</th>
                        <td>{l.answer_text}{l.knocked_out.then_some(" ⛔")}</td>
                        <td class="num">{l.points}</td>
                        <td class="num">{locale.quantity(l.weight)}</td>
                        <td class="num">{locale.number(l.contribution, 1)}</td>
                    </tr>
                }).collect_view()}
                <tr class="total">
                    <th scope="row" colspan="3">{t.assess_axis_total(name)}</th>
                    <td class="num">{locale.quantity(weight)}</td>
                    <td class="num">{locale.number(total, 1)}</td>
                </tr>
            </tbody>
        }
    });
    let by = score.assessed_by.as_ref().map(|p| t.person(p)).unwrap_or_else(|| "–".to_owned());
    view! {
        <dl class="figures scores">
            <div><dt>{t.assess_utility}</dt><dd data-testid="utility">{locale.number(score.utility, 1)}</dd></div>
            <div><dt>{t.assess_value}</dt><dd data-testid="value">{locale.number(score.value, 1)}</dd></div>
            <div><dt>{t.assess_feasibility}</dt><dd data-testid="feasibility">{locale.number(score.feasibility, 1)}</dd></div>
            <div><dt>{t.assess_quadrant}</dt><dd data-testid="quadrant">{score.quadrant.label(t.locale)}</dd></div>
        </dl>
        {ko}
        <div class="table-wrap">
            <table class="breakdown">
                <caption>{t.assess_breakdown_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.assess_col_criterion}</th>
                        <th scope="col">{t.assess_col_answer}</th>
                        <th scope="col" class="num">{t.assess_col_points}</th>
                        <th scope="col" class="num">{t.assess_col_weight}</th>
                        <th scope="col" class="num">{t.assess_col_contribution}</th>
                    </tr>
                </thead>
                {groups.into_iter().collect_view()}
            </table>
        </div>
        <p class="meta">
            {t.assess_model_version(score.model_version)}" · "
            {t.assess_assessed_by(locale.moment(score.assessed_at), &by)}
        </p>
        {score.note.map(|n| view! { <p class="prose"><strong>{t.assess_note_label}": "</strong>{n}</p> })}
        {score.newer_version.map(|n| view! { <p class="notice">{t.assess_newer_version(n)}</p> })}
    }
}

fn cause_text(t: &Texts, entry: &HistoryEntry, first: bool) -> String {
    match entry.cause {
        Cause::Model => t.assess_cause_model(entry.model_version),
        Cause::Answers if first => t.assess_first.to_owned(),
        Cause::Answers => t.assess_cause_answers.to_owned(),
    }
}

#[component]
pub fn ScoreHistoryPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let history = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_score_history(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=t.assess_history_title/>
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
            {move || Suspend::new(async move {
                match history.await {
                    Err(error) => view! {
                        <h1>{t.error(&error)}</h1>
                        <ErrorView error/>
                        <p><A href="/candidates">{t.back_to_list}</A></p>
                    }.into_any(),
                    Ok(h) => {
                        let id = h.candidate_id;
                        let count = h.entries.len();
                        view! {
                            <p class="breadcrumb"><A href=format!("/candidates/{id}#score")>{h.title.clone()}</A></p>
                            <h1>{t.assess_history_title}</h1>
                            <p class="lead">{t.assess_history_intro}</p>
                            {(count == 0).then(|| view! { <p>{t.assess_not_assessed}</p> })}
                            <ol class="score-history">
                                {h.entries.into_iter().enumerate().map(|(i, e)| view! {
                                    <HistoryItem entry=e first={i + 1 == count}/>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn HistoryItem(entry: HistoryEntry, first: bool) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let by = entry.assessed_by.as_ref().map(|p| t.person(p)).unwrap_or_else(|| "–".to_owned());
    let cause = cause_text(t, &entry, first);
    let change = entry.change;
    let changed = entry.changed_answers.clone();
    let show_changes = change.is_some();
    view! {
        <li class="snapshot">
            <h2>
                <time datetime=entry.assessed_at.date().to_string()>{locale.moment(entry.assessed_at)}</time>
                " · "{cause}
            </h2>
            <p class="meta">{by}" · "{t.assess_model_version(entry.model_version)}</p>
            <dl class="figures scores">
                <div><dt>{t.assess_utility}</dt>
                    <dd>{with_change(locale, entry.utility, change.map(|c| c.utility))}</dd></div>
                <div><dt>{t.assess_value}</dt>
                    <dd>{with_change(locale, entry.value, change.map(|c| c.value))}</dd></div>
                <div><dt>{t.assess_feasibility}</dt>
                    <dd>{with_change(locale, entry.feasibility, change.map(|c| c.feasibility))}</dd></div>
                <div><dt>{t.assess_quadrant}</dt><dd>{entry.quadrant.label(t.locale)}</dd></div>
            </dl>
            {(!entry.knocked_out.is_empty()).then(|| view! {
                <p class="ko"><strong>{"⛔ "}{t.assess_ko_heading}": "</strong>{entry.knocked_out.join(", ")}</p>
            })}
            {show_changes.then(|| if changed.is_empty() {
                view! { <p>{t.assess_no_answers_changed}</p> }.into_any()
            } else {
                view! {
                    <h3>{t.assess_changed_answers}</h3>
                    <ul class="changes">
                        {changed.into_iter().map(|c| view! {
                            <li>
                                <strong>{c.label}": "</strong>
                                {c.old.unwrap_or_else(|| "–".into())}" → "{c.new.unwrap_or_else(|| "–".into())}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            {entry.note.map(|n| view! { <p class="prose"><strong>{t.assess_note_label}": "</strong>{n}</p> })}
        </li>
    }
}
