//! The quick report: five questions, two minutes. Works as a plain HTML form; with
//! JavaScript it also shows a live estimate of the hours the process takes a year.

use crate::candidates::model::{Period, ReportContext, Visibility};
use crate::candidates::pages::draft::{Draft, Fields};
use crate::candidates::server_fns::{get_report_context, similar_candidates, ReportCandidate};
use crate::candidates::texts::use_texts;
use crate::candidates::validate::{DESCRIPTION_MAX, TITLE_MAX};
use crate::candidates::volumetrics::Figures;
use crate::common::locale::use_locale;
use crate::identity::auth::pages::signed_in;
use crate::ui::form::FormErrors;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use std::time::Duration;

/// How long typing must pause before the title is looked up.
const SIMILAR_PAUSE: Duration = Duration::from_millis(300);

#[component]
pub fn ReportPage() -> impl IntoView {
    let t = use_texts();
    let context = Resource::new(|| (), |_| get_report_context());
    view! {
        <Title text=t.report_title/>
        <h1>{t.report_title}</h1>
        <p class="lead">{t.report_intro}</p>
        {signed_in(context, "/candidates/new".into(), |context| view! { <ReportForm context/> })}
    }
}

#[component]
fn ReportForm(context: ReportContext) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let action = ServerAction::<ReportCandidate>::new();
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    let draft = Draft::new();
    let fields = Fields::default();
    let restored = draft.keep(fields);
    // Sending forgets the kept copy; a refused report keeps it again.
    Effect::new(move |_| {
        if let Some(Err(_)) = action.value().get() {
            draft.save();
        }
    });

    // "Already reported?": once typing pauses, candidates like the title, for this title only
    // (an answer for an older title that arrives late is not shown).
    let title = draft.title;
    let lookup = Action::new(|title: &String| {
        let title = title.clone();
        async move { (title.clone(), similar_candidates(title).await) }
    });
    let on_title = move |ev| {
        let typed: String = event_target_value(&ev);
        title.set(typed.clone());
        set_timeout(
            move || {
                if title.get_untracked() == typed && typed.trim().chars().count() >= 3 {
                    lookup.dispatch(typed);
                }
            },
            SIMILAR_PAUSE,
        );
    };
    let similar = move || match lookup.value().get() {
        Some((asked, Ok(found))) if !found.is_empty() && asked == title.get() => view! {
            <p id="similar-heading">{t.similar_heading}</p>
            <ul aria-labelledby="similar-heading">
                {found.into_iter().map(|c| view! {
                    <li>
                        <a href=format!("/candidates/{}", c.id) target="_blank" rel="noopener">{c.title}</a>
                        " — "{c.municipality}", "{c.phase.label(t.locale)}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        _ => ().into_any(),
    };

    let volume = draft.volume;
    let minutes = draft.minutes_per_case;
    let period = move || Period::parse(&draft.period.get()).unwrap_or(Period::Week);
    let working_time = context.working_time;
    let estimate = move || {
        let v = locale.parse_number(&volume.get());
        let m = locale.parse_number(&minutes.get());
        match (v, m) {
            (Some(v), Some(m)) if v >= 0.0 && m >= 0.0 => {
                let f = Figures::compute(v, period(), m, working_time);
                t.estimate_hours(locale.number(f.manual_hours, 0), locale.number(f.fte, 2))
            }
            _ => t.estimate_missing.to_owned(),
        }
    };

    view! {
        <ActionForm action attr:class="form" on:submit=move |_| draft.sent()>
            {errors.alert()}
            <Show when=move || restored.get()>
                <p class="notice" role="status">
                    {t.draft_restored}" "
                    <button type="button" class="button" on:click=move |_| draft.discard(fields)>{t.draft_discard}</button>
                </p>
            </Show>
            <div class="field">
                <label for="title">{t.field_title}</label>
                <p class="hint" id="title-hint">{t.field_title_hint}</p>
                <input id="title" name="form[title]" type="text" required maxlength=TITLE_MAX
                    autocomplete="off"
                    node_ref=fields.title
                    on:input=on_title
                    aria-invalid=errors.invalid("title")
                    aria-describedby=errors.described_by("title", true)/>
                {errors.message("title")}
                <div class="similar" aria-live="polite" data-testid="similar">{similar}</div>
            </div>
            <div class="field">
                <label for="description">{t.field_description}</label>
                <p class="hint" id="description-hint">{t.field_description_hint}</p>
                <textarea id="description" name="form[description]" rows="5" required maxlength=DESCRIPTION_MAX
                    node_ref=fields.description
                    on:input=move |ev| draft.description.set(event_target_value(&ev))
                    aria-invalid=errors.invalid("description")
                    aria-describedby=errors.described_by("description", true)>
                </textarea>
                {errors.message("description")}
            </div>
            <div class="field">
                <label for="department_id">{t.field_department}</label>
                <select id="department_id" name="form[department_id]"
                    node_ref=fields.department_id
                    on:change=move |ev| draft.department_id.set(event_target_value(&ev))
                    aria-invalid=errors.invalid("department_id")
                    aria-describedby=errors.described_by("department_id", false)>
                    <option value="">{t.field_department_none}</option>
                    {context.departments.into_iter().map(|d| view! {
                        <option value=d.id.to_string()>{d.label}</option>
                    }).collect_view()}
                </select>
                {errors.message("department_id")}
            </div>
            <fieldset class="volume">
                <legend>{t.field_volume}</legend>
                <p class="hint" id="volume-hint">{t.field_volume_hint}</p>
                <div class="inline-fields">
                    <div class="field">
                        <label for="volume">{t.field_volume}</label>
                        <input id="volume" name="form[volume]" type="text" inputmode="decimal" required
                            autocomplete="off"
                            node_ref=fields.volume
                            on:input=move |ev| volume.set(event_target_value(&ev))
                            aria-invalid=errors.invalid("volume")
                            aria-describedby=errors.described_by("volume", true)/>
                    </div>
                    <div class="field">
                        <label for="period">{t.field_period}</label>
                        <select id="period" name="form[period]"
                            node_ref=fields.period
                            on:change=move |ev| draft.period.set(event_target_value(&ev))>
                            {Period::ALL.iter().map(|p| view! {
                                <option value=p.as_str() selected=*p == Period::Week>{p.label(t.locale)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                {errors.message("volume")}
                {errors.message("period")}
            </fieldset>
            <div class="field">
                <label for="minutes_per_case">{t.field_minutes}</label>
                <p class="hint" id="minutes_per_case-hint">{t.field_minutes_hint}</p>
                <input id="minutes_per_case" name="form[minutes_per_case]" type="text" inputmode="decimal" required
                    autocomplete="off"
                    node_ref=fields.minutes_per_case
                    on:input=move |ev| minutes.set(event_target_value(&ev))
                    aria-invalid=errors.invalid("minutes_per_case")
                    aria-describedby=errors.described_by("minutes_per_case", true)/>
                {errors.message("minutes_per_case")}
            </div>
            <p class="estimate">
                <span class="estimate-label">{t.estimate_label}" "</span>
                <output for="volume minutes_per_case" aria-live="polite" data-testid="estimate">{estimate}</output>
            </p>
            <fieldset class="field">
                <legend>{t.field_visibility}</legend>
                {Visibility::ALL.iter().zip(fields.visibility).map(|(v, radio)| {
                    let v = *v;
                    let id = format!("visibility-{}", v.as_str());
                    view! {
                        <div class="radio">
                            <input type="radio" id=id.clone() name="form[visibility]" value=v.as_str()
                                checked=v == Visibility::Municipality
                                node_ref=radio
                                on:change=move |_| draft.visibility.set(v.as_str().to_owned())/>
                            <label for=id>
                                {v.label(t.locale)}
                                <span class="hint">" — "{v.help(t.locale)}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
                {errors.message("visibility")}
            </fieldset>
            <button type="submit" class="button primary" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t.report_submitting } else { t.report_submit }}
            </button>
        </ActionForm>
    }
}
