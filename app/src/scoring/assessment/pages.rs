//! The assessment form `/candidates/:id/assessment`: one fieldset per criterion of the current
//! model version (levels and yes/no as radios, numbers typed with the unit and the bands
//! listed), prefilled, and answers from the record marked. A plain form post without
//! JavaScript; a refused answer is named beside its criterion and nothing is saved.

use crate::common::error::AppError;
use crate::common::locale::use_locale;
use crate::identity::auth::pages::signed_in;
use crate::scoring::assessment::model::{answer_field, AssessContext, FormQuestion, NOTE_MAX};
use crate::scoring::assessment::server_fns::{get_assess_context, AssessCandidate};
use crate::scoring::model::Kind;
use crate::scoring::texts::use_texts;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let action = ServerAction::<AssessCandidate>::new();
    let context = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_assess_context(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let next = move || format!("/candidates/{}/assessment", id().unwrap_or_default());
    view! {
        <Title text=t.assess_title/>
        {move || signed_in(context, next(), move |c: AssessContext| view! { <AssessFormView context=c action/> })}
    }
}

#[component]
fn AssessFormView(context: AssessContext, action: ServerAction<AssessCandidate>) -> impl IntoView {
    let t = use_texts();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let id = context.candidate_id;
    let alert = move || {
        error.get().map(|e| {
            let text = match e {
                AppError::Invalid(_) => t.form_has_errors,
                other => t.error(&other),
            };
            view! { <p class="error" role="alert">{text}</p> }
        })
    };
    let (title, heading) = (context.title.clone(), format!("{}: {}", t.assess_title, context.title));
    let note_error = move || error.with(|e| e.as_ref().and_then(|e| e.field("note")));
    view! {
        <p class="breadcrumb"><A href=format!("/candidates/{id}")>{title}</A></p>
        <h1>{heading}</h1>
        <p class="lead">{t.assess_intro}</p>
        <p class="meta">{t.assess_model_version(context.model_version)}</p>
        <ActionForm action attr:class="form assessment-form">
            {alert}
            <input type="hidden" name="id" value=id.to_string()/>
            {context.questions.into_iter().map(|q| view! { <Question question=q error/> }).collect_view()}
            <div class="field">
                <label for="note">{t.assess_note}</label>
                <textarea id="note" name="form[note]" rows="3" maxlength=NOTE_MAX.to_string()
                    aria-invalid=move || note_error().map(|_| "true")
                    aria-describedby=move || note_error().map(|_| "note-error")></textarea>
                {move || note_error().map(|p| view! { <p class="field-error" id="note-error">{t.invalid(p)}</p> })}
            </div>
            <button type="submit">{t.assess_submit}</button>
        </ActionForm>
    }
}

#[component]
fn Question(question: FormQuestion, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let FormQuestion { criterion: c, value, from_record } = question;
    let key = c.key.clone();
    let base = format!("answers-{key}");
    let name = format!("form[answers][{key}]");
    let field = answer_field(&key);
    let problem = Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.field(&field))));
    let help = c.help.get(locale).to_owned();
    let hint_id = format!("{base}-hint");
    let error_id = format!("{base}-error");
    let has_help = !help.trim().is_empty();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push(hint_id.clone());
            }
            if problem.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || problem.get().map(|_| "true");
    let radios = |choices: Vec<(String, String)>| {
        choices
            .into_iter()
            .map(|(v, text)| {
                let input_id = format!("{base}-{v}");
                let checked = v == value;
                let described = described.clone();
                view! {
                    <div class="choice">
                        <input type="radio" id=input_id.clone() name=name.clone() value=v checked=checked
                            aria-invalid=invalid aria-describedby=described/>
                        <label for=input_id>{text}</label>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    let control = match &c.kind {
        Kind::Scale { levels } => radios(
            levels
                .iter()
                .enumerate()
                .map(|(i, l)| ((i + 1).to_string(), format!("{} – {}", i + 1, l.get(locale))))
                .collect(),
        ),
        Kind::YesNo { yes, no } => {
            radios(vec![("yes".into(), yes.get(locale).to_owned()), ("no".into(), no.get(locale).to_owned())])
        }
        Kind::Number { unit, bands } => {
            let bands_id = format!("{base}-bands");
            let ids = {
                let bands_id = bands_id.clone();
                let described = described.clone();
                move || match described() {
                    Some(d) => format!("{bands_id} {d}"),
                    None => bands_id.clone(),
                }
            };
            view! {
                <label for=base.clone()>{unit.get(locale).to_owned()}</label>
                <input type="text" inputmode="decimal" id=base.clone() name=name.clone() value=value.clone()
                    aria-invalid=invalid aria-describedby=ids/>
                <div id=bands_id class="bands">
                    <p class="hint">{t.assess_unit(unit.get(locale))}</p>
                    <ul>
                        {bands.iter().map(|b| view! {
                            <li>{t.assess_band(locale.quantity(b.min), b.points)}</li>
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="criterion">
            <legend>
                {c.label.get(locale).to_owned()}
                {c.ko.then(|| view! { <span class="badge ko-badge">{" ⛔ "}{t.assess_ko_marker}</span> })}
            </legend>
            {has_help.then(|| view! { <p class="hint" id=hint_id.clone()>{help.clone()}</p> })}
            {from_record.then(|| view! { <p class="from-record"><span class="badge">{t.assess_from_record}</span></p> })}
            {control}
            {move || problem.get().map(|p| view! { <p class="field-error" id=error_id.clone()>{t.invalid(p)}</p> })}
        </fieldset>
    }
}
