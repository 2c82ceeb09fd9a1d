//! The editor: `/scoring/draft` (settings, criteria, publish, discard) and the criterion form
//! (`/scoring/draft/criteria/new`, `/scoring/draft/criteria/:key`). Every form is a plain
//! POST form; the hydrated page enhances it.

use crate::common::error::FieldError;
use crate::common::locale::{use_locale, Locale};
use crate::identity::auth::pages::signed_in;
use crate::scoring::editor::service::{DraftView, MAX_BANDS};
use crate::scoring::model::{Axis, Criterion, Kind, Source, Translated};
use crate::scoring::pages::{axis_name, kind_name, Errs};
use crate::scoring::server_fns::{
    get_draft, ChangeModelCriterion, DiscardModelDraft, PublishModel, SaveModelCriterion, SaveModelSettings,
};
use crate::scoring::texts::use_texts;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn flag(name: &'static str) -> impl Fn() -> bool + Copy + Send + Sync {
    let query = use_query_map();
    move || query.read().get(name).is_some()
}

/// A labelled input whose name and error key are made at run time.
fn input(errs: Errs, field: String, label: String, value: String, hint: Option<&'static str>) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{field}-hint"));
    view! {
        <div class="field">
            <label for=field.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{field}-hint")>{h}</p> })}
            <input id=field.clone() name=format!("form[{field}]") type="text" value=value
                aria-invalid=errs.invalid(field.clone()) aria-describedby=errs.described_by(field.clone(), hint_id)/>
            {errs.message(field)}
        </div>
    }
}

/// One translated text as four inputs (`{prefix}_en` …), in a fieldset whose legend names it.
fn languages(errs: Errs, prefix: &str, legend: String, value: &Translated) -> impl IntoView {
    let inputs = Locale::ALL
        .into_iter()
        .map(|l| {
            let field = format!("{prefix}_{}", l.code());
            let label = l.endonym().to_owned();
            let label = if l == Locale::En { format!("{label} *") } else { label };
            input(errs, field, label, value.get_exact(l), None)
        })
        .collect_view();
    view! { <fieldset class="languages-group"><legend>{legend}</legend>{inputs}</fieldset> }
}

trait Exact {
    fn get_exact(&self, locale: Locale) -> String;
}

impl Exact for Translated {
    /// The text as typed, without the English fallback (an editor must see what is missing).
    fn get_exact(&self, locale: Locale) -> String {
        match locale {
            Locale::En => self.en.clone(),
            Locale::Da => self.da.clone(),
            Locale::De => self.de.clone(),
            Locale::Sv => self.sv.clone(),
        }
    }
}

/// The problems of the whole draft as a list: `criterion:{key}:{field}` and `model:{field}`.
fn problem_list(draft: &DraftView, locale: Locale) -> impl IntoView {
    let t = use_texts();
    let items = draft
        .problems
        .iter()
        .map(|FieldError { field, problem }| {
            let subject = if let Some(rest) = field.strip_prefix("criterion:") {
                let key = rest.split(':').next().unwrap_or_default();
                draft
                    .definition
                    .criterion(key)
                    .map(|c| c.label.get(locale).to_owned())
                    .filter(|l| !l.is_empty())
                    .unwrap_or_else(|| key.to_owned())
            } else {
                match field.as_str() {
                    "model:axis_value" => axis_name(t, Axis::Value).to_owned(),
                    "model:axis_feasibility" => axis_name(t, Axis::Feasibility).to_owned(),
                    "model:value_blend_pct" => t.scoring_blend.to_owned(),
                    "model:value_threshold" => t.scoring_value_threshold.to_owned(),
                    _ => t.scoring_criteria_heading.to_owned(),
                }
            };
            view! { <li>{format!("{subject}: {}", t.invalid(*problem))}</li> }
        })
        .collect_view();
    (!draft.problems.is_empty()).then(|| {
        view! {
            <section aria-labelledby="problems-heading" class="scoring-problems">
                <h2 id="problems-heading">{t.scoring_problems_heading}</h2>
                <ul>{items}</ul>
            </section>
        }
    })
}

/// `/scoring/draft`.
#[component]
pub fn DraftPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let settings = ServerAction::<SaveModelSettings>::new();
    let op = ServerAction::<ChangeModelCriterion>::new();
    let publish = ServerAction::<PublishModel>::new();
    let discard = ServerAction::<DiscardModelDraft>::new();
    let data = Resource::new(
        move || (query.read().get("saved"), settings.version().get(), op.version().get(), discard.version().get()),
        |_| get_draft(),
    );
    view! {
        <Title text=t.scoring_draft_title/>
        <h1>{t.scoring_draft_title}</h1>
        {signed_in(data, "/scoring/draft".into(), move |draft: DraftView| view! {
            <Draft draft settings op publish discard/>
        })}
    }
}

#[component]
fn Draft(
    draft: DraftView,
    settings: ServerAction<SaveModelSettings>,
    op: ServerAction<ChangeModelCriterion>,
    publish: ServerAction<PublishModel>,
    discard: ServerAction<DiscardModelDraft>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let saved = flag("saved");
    let discarded = flag("discarded");
    let settings_errs = Errs(Signal::derive(move || settings.value().get().and_then(|r| r.err())));
    let op_errs = Errs(Signal::derive(move || op.value().get().and_then(|r| r.err())));
    let publish_errs = Errs(Signal::derive(move || publish.value().get().and_then(|r| r.err())));
    let revision = draft.revision.to_string();
    let (rev_settings, rev_publish) = (revision.clone(), revision.clone());
    let d = draft.definition.clone();
    let count = d.criteria.len();
    let rows = d
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let label = c.label.get(locale).to_owned();
            let revision = revision.clone();
            let key = c.key.clone();
            let small = |o: &'static str, text: &'static str, disabled: bool| {
                let aria = format!("{text}: {label}");
                let (revision, key) = (revision.clone(), key.clone());
                view! {
                    <ActionForm action=op attr:class="inline">
                        <input type="hidden" name="revision" value=revision/>
                        <input type="hidden" name="key" value=key/>
                        <input type="hidden" name="op" value=o/>
                        <button type="submit" class="button small" aria-label=aria disabled=disabled>{text}</button>
                    </ActionForm>
                }
            };
            view! {
                <tr>
                    <th scope="row">{label.clone()}<br/><code>{c.key.clone()}</code></th>
                    <td>{axis_name(t, c.axis)}</td>
                    <td>{kind_name(t, c.kind.key())}</td>
                    <td class="num">{locale.quantity(c.weight)}</td>
                    <td>{if c.ko { t.scoring_yes } else { t.scoring_no }}</td>
                    <td class="row-actions">
                        <a class="button small" href=format!("/scoring/draft/criteria/{}", c.key)
                            aria-label=format!("{}: {label}", t.scoring_edit)>{t.scoring_edit}</a>
                        {small("up", t.scoring_up, i == 0)}
                        {small("down", t.scoring_down, i + 1 == count)}
                        {small("remove", t.scoring_remove, false)}
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        {move || saved().then(|| view! { <p class="notice" role="status">{t.scoring_saved}</p> })}
        {move || discarded().then(|| view! { <p class="notice" role="status">{t.scoring_discarded}</p> })}
        <p class="lead">{t.scoring_draft_intro(draft.based_on)}</p>
        {(draft.revision == 0).then(|| view! { <p class="hint">{t.scoring_draft_new}</p> })}
        <p class="actions"><a href="/scoring">{t.scoring_title}</a>" · "<a href="/scoring/versions">{t.scoring_versions_link}</a></p>
        {op_errs.alert()}
        {problem_list(&draft, locale)}
        <section aria-labelledby="settings-heading">
            <h2 id="settings-heading">{t.scoring_settings}</h2>
            <ActionForm action=settings attr:class="form">
                {settings_errs.alert()}
                <input type="hidden" name="form[revision]" value=rev_settings/>
                {input(settings_errs, "value_blend_pct".into(), t.scoring_blend.into(), locale.editable(d.value_blend_pct), Some(t.scoring_blend_hint))}
                {input(settings_errs, "value_threshold".into(), t.scoring_value_threshold.into(), locale.editable(d.value_threshold), Some(t.scoring_threshold_hint))}
                {input(settings_errs, "feasibility_threshold".into(), t.scoring_feasibility_threshold.into(), locale.editable(d.feasibility_threshold), Some(t.scoring_threshold_hint))}
                <button type="submit" class="button">{t.scoring_settings_save}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="criteria-heading">
            <h2 id="criteria-heading">{t.scoring_criteria_heading}</h2>
            <p><a class="button" href="/scoring/draft/criteria/new">{t.scoring_add_criterion}</a></p>
            <div class="table-wrap">
            <table class="scoring-draft">
                <caption>{t.scoring_draft_caption}</caption>
                <thead><tr>
                    <th scope="col">{t.scoring_col_criterion}</th>
                    <th scope="col">{t.scoring_axis_label}</th>
                    <th scope="col">{t.scoring_col_type}</th>
                    <th scope="col" class="num">{t.scoring_col_weight}</th>
                    <th scope="col">{t.scoring_col_ko}</th>
                    <th scope="col">{t.scoring_col_actions}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
        </section>
        <section aria-labelledby="publish-heading">
            <h2 id="publish-heading">{t.scoring_publish_heading}</h2>
            <ActionForm action=publish attr:class="form">
                {publish_errs.alert()}
                {publish_errs.message("draft".into())}
                <input type="hidden" name="revision" value=rev_publish/>
                <div class="field">
                    <label for="note">{t.scoring_note}</label>
                    <p class="hint" id="note-hint">{t.scoring_note_hint}</p>
                    <textarea id="note" name="note" required rows="3" maxlength="2000"
                        aria-invalid=publish_errs.invalid("note".into())
                        aria-describedby=publish_errs.described_by("note".into(), Some("note-hint".into()))></textarea>
                    {publish_errs.message("note".into())}
                </div>
                <button type="submit" class="button primary">{t.scoring_publish_button}</button>
            </ActionForm>
        </section>
        {(draft.revision > 0).then(|| view! {
            <section aria-labelledby="discard-heading">
                <h2 id="discard-heading">{t.scoring_discard_heading}</h2>
                <ActionForm action=discard attr:class="form">
                    <button type="submit" class="button danger">{t.scoring_discard_button}</button>
                </ActionForm>
            </section>
        })}
    }
}

/// `/scoring/draft/criteria/new` and `/scoring/draft/criteria/:key`.
#[component]
pub fn CriterionPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let key = move || params.read().get("key");
    let save = ServerAction::<SaveModelCriterion>::new();
    let data = Resource::new(move || save.version().get(), |_| get_draft());
    let title = move || if key().is_some() { t.scoring_criterion_edit } else { t.scoring_criterion_new };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        {signed_in(data, "/scoring/draft".into(), move |draft: DraftView| {
            let original = key();
            let criterion = match &original {
                Some(k) => match draft.definition.criterion(k) {
                    Some(c) => c.clone(),
                    None => return view! { <crate::ui::page::ErrorView error=crate::common::error::AppError::NotFound/> }.into_any(),
                },
                None => blank(),
            };
            view! { <CriterionForm draft=draft.revision original criterion save/> }.into_any()
        })}
    }
}

fn blank() -> Criterion {
    Criterion {
        key: String::new(),
        label: Translated::default(),
        help: Translated::default(),
        axis: Axis::Value,
        kind: Kind::Scale { levels: Default::default() },
        weight: 1.0,
        ko: false,
        prefill: None,
    }
}

#[component]
fn CriterionForm(
    draft: i64,
    original: Option<String>,
    criterion: Criterion,
    save: ServerAction<SaveModelCriterion>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let errs = Errs(Signal::derive(move || save.value().get().and_then(|r| r.err())));
    let c = criterion;
    let kind = c.kind.key();
    // The fields of every kind are shown; those of the other kinds start empty.
    let (levels, yes, no, unit, bands) = match &c.kind {
        Kind::Scale { levels } => {
            (levels.clone(), Translated::default(), Translated::default(), Translated::default(), vec![])
        }
        Kind::YesNo { yes, no } => (Default::default(), yes.clone(), no.clone(), Translated::default(), vec![]),
        Kind::Number { unit, bands } => {
            (Default::default(), Translated::default(), Translated::default(), unit.clone(), bands.clone())
        }
    };
    let is_new = original.is_none();
    let radio = |value: &'static str, label: &'static str, checked: bool, name: &'static str| {
        let id = format!("{name}-{value}");
        view! {
            <div class="choice">
                <input type="radio" id=id.clone() name=format!("form[{name}]") value=value checked=checked/>
                <label for=id>{label}</label>
            </div>
        }
    };
    let prefill = c.prefill;
    let prefill_option = move |s: Source| {
        view! { <option value=s.key() selected=prefill == Some(s)>{s.label(t.locale)}</option> }
    };
    view! {
        <p><a href="/scoring/draft">{t.scoring_back_to_draft}</a></p>
        <ActionForm action=save attr:class="form scoring-criterion-form">
            {errs.alert()}
            <input type="hidden" name="original" value=original.clone().unwrap_or_default()/>
            <input type="hidden" name="form[revision]" value=draft.to_string()/>
            {if is_new {
                input(errs, "key".into(), t.scoring_key.into(), String::new(), Some(t.scoring_key_hint)).into_any()
            } else {
                view! { <p>{t.scoring_key}": "<code>{c.key.clone()}</code></p> }.into_any()
            }}
            <fieldset>
                <legend>{t.scoring_axis_label}</legend>
                {Axis::ALL.into_iter().map(|a| radio(a.key(), axis_name(t, a), c.axis == a, "axis")).collect_view()}
                {errs.message("axis".into())}
            </fieldset>
            <fieldset aria-describedby="kind-hint">
                <legend>{t.scoring_kind_label}</legend>
                <p class="hint" id="kind-hint">{t.scoring_kind_hint}</p>
                {["scale", "yes_no", "number"].into_iter().map(|k| radio(k, kind_name(t, k), kind == k, "kind")).collect_view()}
                {errs.message("kind".into())}
            </fieldset>
            {input(errs, "weight".into(), t.scoring_weight.into(), locale.editable(c.weight), Some(t.scoring_weight_hint))}
            <div class="field choice">
                <input type="checkbox" id="ko" name="form[ko]" value="on" checked=c.ko/>
                <label for="ko">{t.scoring_ko_label}</label>
            </div>
            <div class="field">
                <label for="prefill">{t.scoring_prefill_label}</label>
                <p class="hint" id="prefill-hint">{t.scoring_prefill_hint}</p>
                <select id="prefill" name="form[prefill]" aria-invalid=errs.invalid("prefill".into())
                    aria-describedby=errs.described_by("prefill".into(), Some("prefill-hint".into()))>
                    <option value="" selected=c.prefill.is_none()>{t.scoring_no_prefill}</option>
                    <optgroup label=t.scoring_prefill_numbers>
                        {Source::ALL.into_iter().filter(|s| s.is_number()).map(prefill_option).collect_view()}
                    </optgroup>
                    <optgroup label=t.scoring_prefill_answers>
                        {Source::ALL.into_iter().filter(|s| !s.is_number()).map(prefill_option).collect_view()}
                    </optgroup>
                </select>
                {errs.message("prefill".into())}
            </div>
            {languages(errs, "label", t.scoring_label_legend.into(), &c.label)}
            {languages(errs, "help", t.scoring_help_legend.into(), &c.help)}
            <fieldset>
                <legend>{t.scoring_scale_legend}</legend>
                {(0..5).map(|i| languages(errs, &format!("level_{}", i + 1), t.scoring_level(i + 1), &levels[i])).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{t.scoring_yes_no_legend}</legend>
                {languages(errs, "yes", t.scoring_yes.into(), &yes)}
                {languages(errs, "no", t.scoring_no.into(), &no)}
            </fieldset>
            <fieldset aria-describedby="bands-hint">
                <legend>{t.scoring_number_legend}</legend>
                <p class="hint" id="bands-hint">{t.scoring_bands_hint}</p>
                {errs.message("bands".into())}
                {languages(errs, "unit", t.scoring_unit.into(), &unit)}
                {(0..MAX_BANDS).map(|i| {
                    let band = bands.get(i);
                    view! {
                        <fieldset class="band">
                            <legend>{t.scoring_band(i + 1)}</legend>
                            {input(errs, format!("band_{i}_min"), t.scoring_band_min.into(), band.map(|b| locale.editable(b.min)).unwrap_or_default(), None)}
                            {input(errs, format!("band_{i}_points"), t.scoring_band_points.into(), band.map(|b| b.points.to_string()).unwrap_or_default(), None)}
                        </fieldset>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button primary">{t.scoring_save_criterion}</button>
        </ActionForm>
    }
}
