//! Editing the full record, one fieldset per group; groups appear as the phase advances.

use crate::candidates::model::{Period, Visibility};
use crate::candidates::pages::route_id;
use crate::candidates::record::model::{EditContext, Group, RecordForm};
use crate::candidates::server_fns::{get_edit_context, EditCandidate};
use crate::candidates::texts::{use_texts, Texts};
use crate::candidates::validate::{DESCRIPTION_MAX, TITLE_MAX};
use crate::common::error::AppError;
use crate::identity::auth::pages::signed_in;
use crate::ui::form::{FormErrors, InputField};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn CandidateEditPage() -> impl IntoView {
    let t = use_texts();
    let id = route_id();
    let action = ServerAction::<EditCandidate>::new();
    // Keyed on the id only: after a refused save the hydrated form keeps what was typed (a
    // successful save leaves the page).
    let context = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_edit_context(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let next = move || format!("/candidates/{}/edit", id().unwrap_or_default());
    view! {
        <Title text=t.record_edit/>
        {move || signed_in(context, next(), move |c: EditContext| view! { <EditForm context=c action/> })}
    }
}

fn group_title(t: &Texts, group: Group) -> &'static str {
    match group {
        Group::Basics => t.group_basics,
        Group::Volume => t.group_volume,
        Group::People => t.group_people,
        Group::Characteristics => t.group_characteristics,
        Group::Legal => t.group_legal,
        Group::Cost => t.group_cost,
    }
}

#[component]
fn TextArea(
    errors: FormErrors,
    field: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: String,
    max: u32,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=field>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{field}-hint")>{hint}</p> })}
            <textarea id=field name=format!("form[{field}]") rows="4" maxlength=max
                aria-invalid=errors.invalid(field) aria-describedby=errors.described_by(field, hint.is_some())>
                // tachys writes a textarea's text unescaped.
                {crate::ui::raw_text::escaped_on_server(value)}
            </textarea>
            {errors.message(field)}
        </div>
    }
}

/// Yes / no / not known, as a labelled select (tri-state, posts "", "yes" or "no").
#[component]
fn YesNo(errors: FormErrors, field: &'static str, label: &'static str, value: String) -> impl IntoView {
    let t = use_texts();
    let options = [("", t.answer_unknown), ("yes", t.answer_yes), ("no", t.answer_no)];
    view! {
        <div class="field">
            <label for=field>{label}</label>
            <select id=field name=format!("form[{field}]")
                aria-invalid=errors.invalid(field) aria-describedby=errors.described_by(field, false)>
                {options.into_iter().map(|(v, text)| view! {
                    <option value=v selected=value == v>{text}</option>
                }).collect_view()}
            </select>
            {errors.message(field)}
        </div>
    }
}

#[component]
fn EditForm(context: EditContext, action: ServerAction<EditCandidate>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    let f: RecordForm = context.form;
    let id = f.candidate_id;
    let phase = context.phase;
    let shown = move |g: Group| g.shown_in(phase);
    let title = context.title.clone();
    let heading = t.edit_title(&context.title);
    let later = move |g: Group| {
        view! {
            <fieldset class="group later">
                <legend>{group_title(t, g)}</legend>
                <p class="hint">{t.group_later(g.from_phase().label(t.locale))}</p>
            </fieldset>
        }
    };
    let name = |field: &'static str| format!("form[{field}]");
    let input = move |field: &'static str, label: &'static str, hint: Option<&'static str>, value: String| match hint {
        Some(hint) => view! { <InputField errors field name=name(field) label hint value/> }.into_any(),
        None => view! { <InputField errors field name=name(field) label value/> }.into_any(),
    };
    view! {
        <p class="breadcrumb"><A href=format!("/candidates/{id}")>{title}</A></p>
        <h1>{heading}</h1>
        <p class="lead">{t.edit_intro}</p>
        <ActionForm action attr:class="form record-form">
            {errors.alert()}
            <input type="hidden" name="form[candidate_id]" value=id.to_string()/>
            <fieldset class="group">
                <legend>{t.group_basics}</legend>
                <InputField errors field="title" name=name("title") label=t.field_title value=f.title.clone()
                    required=true maxlength=TITLE_MAX/>
                <TextArea errors field="description" label=t.field_description value=f.description.clone() max=DESCRIPTION_MAX/>
                <TextArea errors field="problem_today" label=t.field_problem_today value=f.problem_today.clone() max=DESCRIPTION_MAX/>
                <TextArea errors field="desired_outcome" label=t.field_desired_outcome value=f.desired_outcome.clone() max=DESCRIPTION_MAX/>
                <div class="field">
                    <label for="department_id">{t.field_department}</label>
                    <select id="department_id" name="form[department_id]"
                        aria-invalid=errors.invalid("department_id") aria-describedby=errors.described_by("department_id", false)>
                        <option value="">{t.field_department_none}</option>
                        {context.departments.iter().map(|d| view! {
                            <option value=d.id.to_string() selected=f.department_id == d.id.to_string()>{d.label.clone()}</option>
                        }).collect_view()}
                    </select>
                    {errors.message("department_id")}
                </div>
                <div class="field">
                    <label for="visibility">{t.detail_visibility}</label>
                    <select id="visibility" name="form[visibility]"
                        aria-invalid=errors.invalid("visibility") aria-describedby=errors.described_by("visibility", false)>
                        {Visibility::ALL.iter().map(|v| view! {
                            <option value=v.as_str() selected=f.visibility == v.as_str()>{v.label(t.locale)}</option>
                        }).collect_view()}
                    </select>
                    {errors.message("visibility")}
                </div>
                {input("tags", t.field_tags, Some(t.field_labels_hint), f.tags.clone())}
                {input("subject_areas", t.field_subject_areas, Some(t.field_labels_hint), f.subject_areas.clone())}
                {input("taxonomy_code", t.field_taxonomy_code, Some(t.field_taxonomy_code_hint), f.taxonomy_code.clone())}
                {input("external_id", t.field_external_id, Some(t.field_external_id_hint), f.external_id.clone())}
            </fieldset>
            <fieldset class="group">
                <legend>{t.group_volume}</legend>
                <div class="inline-fields">
                    {input("volume", t.field_volume, None, f.volume.clone())}
                    <div class="field">
                        <label for="period">{t.field_period}</label>
                        <select id="period" name="form[period]">
                            {Period::ALL.iter().map(|p| view! {
                                <option value=p.as_str() selected=f.period == p.as_str()>{p.label(t.locale)}</option>
                            }).collect_view()}
                        </select>
                        {errors.message("period")}
                    </div>
                </div>
                {input("minutes_per_case", t.field_minutes, None, f.minutes_per_case.clone())}
                {input("error_rate_pct", t.field_error_rate, None, f.error_rate_pct.clone())}
                {input("rework_minutes", t.field_rework, None, f.rework_minutes.clone())}
                {input("review_minutes", t.field_review, None, f.review_minutes.clone())}
                {input("automation_share_pct", t.field_automation_share, None, f.automation_share_pct.clone())}
            </fieldset>
            <fieldset class="group">
                <legend>{t.group_people}</legend>
                <div class="field">
                    <label for="owner_id">{t.field_owner}</label>
                    <select id="owner_id" name="form[owner_id]"
                        aria-invalid=errors.invalid("owner_id") aria-describedby=errors.described_by("owner_id", false)>
                        <option value="">{t.field_owner_none}</option>
                        {context.people.iter().map(|(pid, pname)| view! {
                            <option value=pid.to_string() selected=f.owner_id == pid.to_string()>{pname.clone()}</option>
                        }).collect_view()}
                    </select>
                    {errors.message("owner_id")}
                </div>
                <p class="hint" id="contact-hint">{t.field_contact_hint}</p>
                {input("contact_name", t.field_contact_name, None, f.contact_name.clone())}
                {input("contact_email", t.field_contact_email, None, f.contact_email.clone())}
                {input("contact_phone", t.field_contact_phone, None, f.contact_phone.clone())}
                <TextArea errors field="internal_notes" label=t.field_internal_notes hint=t.field_internal_notes_hint
                    value=f.internal_notes.clone() max=crate::candidates::record::model::TEXT_MAX/>
            </fieldset>
            {if shown(Group::Characteristics) {
                view! {
                    <fieldset class="group">
                        <legend>{t.group_characteristics}</legend>
                        <YesNo errors field="input_digital" label=t.field_input_digital value=f.input_digital.clone()/>
                        <YesNo errors field="input_structured" label=t.field_input_structured value=f.input_structured.clone()/>
                        <YesNo errors field="rule_based" label=t.field_rule_based value=f.rule_based.clone()/>
                        <YesNo errors field="stable" label=t.field_stable value=f.stable.clone()/>
                        {input("exceptions_pct", t.field_exceptions, None, f.exceptions_pct.clone())}
                        {input("systems_count", t.field_systems_count, None, f.systems_count.clone())}
                        {input("it_systems", t.field_it_systems, Some(t.field_labels_hint), f.it_systems.clone())}
                        {input("technologies", t.field_technologies, Some(t.field_labels_hint), f.technologies.clone())}
                    </fieldset>
                }.into_any()
            } else {
                later(Group::Characteristics).into_any()
            }}
            {if shown(Group::Legal) {
                view! {
                    <fieldset class="group">
                        <legend>{t.group_legal}</legend>
                        <TextArea errors field="legal_basis" label=t.field_legal_basis value=f.legal_basis.clone()
                            max=crate::candidates::record::model::TEXT_MAX/>
                        <InputField errors field="legal_verified_on" name=name("legal_verified_on")
                            label=t.field_legal_verified_on kind="date" value=f.legal_verified_on.clone()/>
                    </fieldset>
                }.into_any()
            } else {
                later(Group::Legal).into_any()
            }}
            {if shown(Group::Cost) {
                view! {
                    <fieldset class="group">
                        <legend>{t.group_cost}</legend>
                        {input("build_cost", t.field_build_cost, None, f.build_cost.clone())}
                        {input("annual_run_cost", t.field_run_cost, None, f.annual_run_cost.clone())}
                    </fieldset>
                }.into_any()
            } else {
                later(Group::Cost).into_any()
            }}
            <div class="actions">
                <button type="submit" class="button primary">{t.edit_submit}</button>
                " "<A href=format!("/candidates/{id}")>{t.edit_cancel}</A>
            </div>
        </ActionForm>
    }
}
