//! The "Benefit and cost" block of the candidate's page (DESIGN.md, "Benefit and cost"): the
//! figures the record allows, and what to fill in for the rest.

use crate::candidates::benefit::{Benefit, Economics, Missing};
use crate::candidates::model::Phase;
use crate::candidates::record::model::Group;
use crate::candidates::texts::use_texts;
use crate::common::locale::use_locale;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn BenefitView(
    id: i64,
    benefit: Benefit,
    economics: Economics,
    phase: Phase,
    /// Offer the link to the edit page.
    may_edit: bool,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let currency = economics.currency.clone();
    let money = move |v: f64| locale.money(v, &currency);
    let mut rows: Vec<(String, String, &'static str)> = Vec::new();
    if let (Some(hours), Some(amount)) = (benefit.benefit_hours, benefit.benefit_money) {
        rows.push((t.benefit_hours.to_owned(), locale.number(hours, 0), "benefit-hours"));
        rows.push((t.benefit_money.to_owned(), money(amount), "benefit-money"));
    }
    if let Some(net) = benefit.net_annual_benefit {
        rows.push((t.benefit_net.to_owned(), money(net), "net-benefit"));
        let payback = match benefit.payback_years {
            Some(years) => t.benefit_payback_years(locale.number(years, 1)),
            None => t.benefit_no_payback.to_owned(),
        };
        rows.push((t.benefit_payback.to_owned(), payback, "payback"));
        let roi = match benefit.roi {
            Some(roi) => format!("{} %", locale.number(roi * 100.0, 0)),
            None => t.benefit_no_roi.to_owned(),
        };
        rows.push((t.benefit_roi(benefit.years), roi, "roi"));
    }
    if let Some(npv) = benefit.npv {
        rows.push((t.benefit_npv(benefit.years), money(npv), "npv"));
    }
    let costs_shown = Group::Cost.shown_in(phase);
    let notes: Vec<&'static str> = benefit
        .missing
        .iter()
        .map(|m| match m {
            Missing::AutomationShare => t.benefit_missing_share,
            Missing::Costs if costs_shown => t.benefit_missing_costs,
            Missing::Costs => t.benefit_costs_later,
        })
        .collect();
    let assumptions = t.benefit_assumptions(
        locale.money(economics.loaded_hourly_rate, &economics.currency),
        locale.quantity(economics.discount_rate_pct),
    );
    let has_rows = !rows.is_empty();
    let has_notes = !notes.is_empty();
    view! {
        <section class="benefit" aria-labelledby="benefit-heading">
            <h2 id="benefit-heading">{t.benefit_heading}</h2>
            {has_rows.then(|| view! {
                <dl class="figures">
                    {rows.into_iter().map(|(label, value, test_id)| view! {
                        <div><dt>{label}</dt><dd data-testid=test_id>{value}</dd></div>
                    }).collect_view()}
                </dl>
                <p class="hint">{assumptions}</p>
            })}
            {has_notes.then(|| view! {
                <ul class="missing">
                    {notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                </ul>
                {may_edit.then(|| view! {
                    <p><A href=format!("/candidates/{id}/edit")>{t.benefit_complete_record}</A></p>
                })}
            })}
        </section>
    }
}
