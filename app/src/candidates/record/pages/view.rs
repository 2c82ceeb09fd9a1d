//! The full record on the candidate's page: each group with what is known, nothing empty.

use crate::candidates::record::model::CandidateRecord;
use crate::candidates::texts::use_texts;
use crate::common::locale::use_locale;
use leptos::prelude::*;

type Item = (&'static str, String);

fn section(title: &'static str, items: Vec<Item>) -> Option<impl IntoView> {
    (!items.is_empty()).then(|| {
        view! {
            <h3>{title}</h3>
            <dl class="facts">
                {items.into_iter().map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
        }
    })
}

#[component]
pub fn RecordView(record: CandidateRecord) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let yes_no = |v: bool| if v { t.answer_yes } else { t.answer_no }.to_owned();
    let percent = |v: f64| format!("{} %", locale.quantity(v));
    let mut basics: Vec<Item> = Vec::new();
    let push = |list: &mut Vec<Item>, label: &'static str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            list.push((label, v));
        }
    };
    let r = &record;
    push(&mut basics, t.field_problem_today, r.problem_today.clone());
    push(&mut basics, t.field_desired_outcome, r.desired_outcome.clone());
    push(&mut basics, t.field_tags, Some(r.tags.join(", ")));
    push(&mut basics, t.field_subject_areas, Some(r.subject_areas.join(", ")));
    push(&mut basics, t.field_taxonomy_code, r.taxonomy_code.clone());
    push(&mut basics, t.field_external_id, r.external_id.clone());
    let mut volume: Vec<Item> = Vec::new();
    push(&mut volume, t.field_error_rate, r.error_rate_pct.map(percent));
    push(&mut volume, t.field_rework, r.rework_minutes.map(|v| locale.quantity(v)));
    push(&mut volume, t.field_review, r.review_minutes.map(|v| locale.quantity(v)));
    push(&mut volume, t.field_automation_share, r.automation_share_pct.map(percent));
    let mut people: Vec<Item> = Vec::new();
    push(&mut people, t.field_owner, r.owner.as_ref().map(|o| t.person(o)));
    if let Some(c) = &r.contact {
        push(&mut people, t.field_contact_name, Some(c.name.clone()));
        push(&mut people, t.field_contact_email, Some(c.email.clone()));
        push(&mut people, t.field_contact_phone, Some(c.phone.clone()));
    }
    push(&mut people, t.field_internal_notes, r.internal_notes.clone());
    let mut traits: Vec<Item> = Vec::new();
    push(&mut traits, t.field_input_digital, r.input_digital.map(yes_no));
    push(&mut traits, t.field_input_structured, r.input_structured.map(yes_no));
    push(&mut traits, t.field_rule_based, r.rule_based.map(yes_no));
    push(&mut traits, t.field_stable, r.stable.map(yes_no));
    push(&mut traits, t.field_exceptions, r.exceptions_pct.map(percent));
    push(&mut traits, t.field_systems_count, r.systems_count.map(|n| n.to_string()));
    push(&mut traits, t.field_it_systems, Some(r.it_systems.join(", ")));
    push(&mut traits, t.field_technologies, Some(r.technologies.join(", ")));
    let mut legal: Vec<Item> = Vec::new();
    push(&mut legal, t.field_legal_basis, r.legal_basis.clone());
    push(&mut legal, t.field_legal_verified_on, r.legal_verified_on.map(|d| locale.date(d)));
    let mut cost: Vec<Item> = Vec::new();
    push(&mut cost, t.field_build_cost, r.build_cost.map(|v| locale.number(v, 0)));
    push(&mut cost, t.field_run_cost, r.annual_run_cost.map(|v| locale.number(v, 0)));
    view! {
        <div class="record">
            {section(t.group_basics, basics)}
            {section(t.group_volume, volume)}
            {section(t.group_people, people)}
            {section(t.group_characteristics, traits)}
            {section(t.group_legal, legal)}
            {section(t.group_cost, cost)}
        </div>
    }
}
