//! The scoring model's pages: the current version and any published one (`/scoring`,
//! `/scoring/versions/:v`), the list of versions with a compare form, the comparison, and the
//! editor (`draft.rs`). Everyone signed in reads; only the coordination group edits. A
//! candidate's score, its assessment form and its score history are in `score.rs` and
//! `assessment.rs`; re-scoring a backlog onto a new version in `rescore.rs`.

use crate::common::error::{AppError, Invalid};
use crate::common::locale::{use_locale, Locale};
use crate::identity::auth::pages::signed_in;
use crate::scoring::diff::{Attr, Change};
use crate::scoring::editor::service::Comparison;
use crate::scoring::model::{Axis, Band, Definition, Kind, ModelVersion, Source};
use crate::scoring::server_fns::{get_comparison, get_model, get_versions};
use crate::scoring::texts::{use_texts, Texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub(crate) fn axis_name(t: &Texts, axis: Axis) -> &'static str {
    match axis {
        Axis::Value => t.scoring_axis_value,
        Axis::Feasibility => t.scoring_axis_feasibility,
    }
}

pub(crate) fn kind_name(t: &Texts, key: &str) -> &'static str {
    match key {
        "scale" => t.scoring_kind_scale,
        "yes_no" => t.scoring_kind_yes_no,
        _ => t.scoring_kind_number,
    }
}

fn prefill_name(t: &Texts, source: Option<Source>) -> &'static str {
    source.map(|s| s.label(t.locale)).unwrap_or(t.scoring_no_prefill)
}

/// The bands of a number criterion as ranges: "2,000–9,999 cases a year → 3 points". Below the
/// first band's minimum counts as the first band.
pub(crate) fn band_ranges(t: &Texts, locale: Locale, bands: &[Band], unit: &str) -> Vec<String> {
    let n = |v: f64| locale.quantity(v);
    bands
        .iter()
        .enumerate()
        .map(|(i, band)| {
            let next = bands.get(i + 1).map(|b| b.min);
            match (i, next) {
                (0, None) => t.scoring_band_any(band.points),
                (0, Some(next)) => t.scoring_band_below(n(next), unit, band.points),
                (_, Some(next)) => {
                    // Whole-number bands read as people count: 2,000–9,999.
                    let upper = if band.min.fract() == 0.0 && next.fract() == 0.0 && next - band.min >= 2.0 {
                        n(next - 1.0)
                    } else {
                        format!("< {}", n(next))
                    };
                    t.scoring_band_range(n(band.min), &upper, unit, band.points)
                }
                (_, None) => t.scoring_band_from(n(band.min), unit, band.points),
            }
        })
        .collect()
}

fn yes_no(t: &Texts, value: bool) -> &'static str {
    if value {
        t.scoring_yes
    } else {
        t.scoring_no
    }
}

/// One version's definition: blend and thresholds, then a table of criteria per axis.
#[component]
pub fn DefinitionView(definition: Definition) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let pct = move |v: f64| format!("{}\u{a0}%", locale.quantity(v));
    let axes = Axis::ALL.into_iter().map(|axis| {
        let criteria: Vec<_> = definition.criteria.iter().filter(|c| c.axis == axis).cloned().collect();
        let total: f64 = criteria.iter().map(|c| c.weight).sum();
        let id = format!("axis-{}", axis.key());
        view! {
            <section aria-labelledby=id.clone()>
                <h2 id=id.clone()>{axis_name(t, axis)}</h2>
                <div class="table-wrap">
                <table class="scoring-criteria">
                    <caption>{t.scoring_axis_caption(axis_name(t, axis))}</caption>
                    <thead><tr>
                        <th scope="col">{t.scoring_col_criterion}</th>
                        <th scope="col">{t.scoring_col_type}</th>
                        <th scope="col" class="num">{t.scoring_col_weight}</th>
                        <th scope="col" class="num">{t.scoring_col_share}</th>
                        <th scope="col">{t.scoring_col_ko}</th>
                        <th scope="col">{t.scoring_col_prefill}</th>
                        <th scope="col">{t.scoring_col_answers}</th>
                    </tr></thead>
                    <tbody>
                    {criteria.into_iter().map(|c| {
                        let share = if total > 0.0 { c.weight / total * 100.0 } else { 0.0 };
                        let answers = match &c.kind {
                            Kind::Scale { levels } => view! {
                                <ol class="levels">{levels.iter().map(|l| view! { <li>{l.get(locale).to_owned()}</li> }).collect_view()}</ol>
                            }.into_any(),
                            Kind::YesNo { yes, no } => view! {
                                <dl class="answers">
                                    <dt>{t.scoring_yes}</dt><dd>{yes.get(locale).to_owned()}</dd>
                                    <dt>{t.scoring_no}</dt><dd>{no.get(locale).to_owned()}</dd>
                                </dl>
                            }.into_any(),
                            Kind::Number { unit, bands } => view! {
                                <ul class="bands">{band_ranges(t, locale, bands, unit.get(locale)).into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            }.into_any(),
                        };
                        let help = c.help.get(locale).to_owned();
                        view! {
                            <tr>
                                <th scope="row">
                                    {c.label.get(locale).to_owned()}
                                    {(!help.is_empty()).then(|| view! { <p class="hint">{help}</p> })}
                                </th>
                                <td>{kind_name(t, c.kind.key())}</td>
                                <td class="num">{locale.quantity(c.weight)}</td>
                                <td class="num">{pct(share)}</td>
                                <td>{yes_no(t, c.ko)}</td>
                                <td>{prefill_name(t, c.prefill)}</td>
                                <td>{answers}</td>
                            </tr>
                        }
                    }).collect_view()}
                    </tbody>
                </table>
                </div>
            </section>
        }
    }).collect_view();
    view! {
        <section aria-labelledby="model-settings">
            <h2 id="model-settings">{t.scoring_settings}</h2>
            <dl class="scoring-settings">
                <dt>{t.scoring_blend}</dt>
                <dd>{t.scoring_blend_value(pct(definition.value_blend_pct), pct(100.0 - definition.value_blend_pct))}</dd>
                <dt>{t.scoring_value_threshold}</dt><dd>{pct(definition.value_threshold)}</dd>
                <dt>{t.scoring_feasibility_threshold}</dt><dd>{pct(definition.feasibility_threshold)}</dd>
            </dl>
        </section>
        {axes}
    }
}

fn published_line(t: &Texts, locale: Locale, v: &ModelVersion) -> String {
    let by = v.published_by.as_ref().map(|p| t.person(p)).unwrap_or_else(|| t.scoring_shipped.to_owned());
    t.scoring_published_line(v.version, locale.moment(v.published_at), &by)
}

fn version_view(v: ModelVersion) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let published = move || query.read().get("published").is_some();
    view! {
        {move || published().then(|| view! { <p class="notice" role="status">{t.scoring_published_flash}</p> })}
        <p class="lead">{published_line(t, locale, &v)}</p>
        {(!v.note.is_empty()).then(|| view! { <p class="scoring-note"><strong>{t.scoring_note_label}</strong>" "{v.note.clone()}</p> })}
        <p class="actions">
            <a href="/scoring/versions">{t.scoring_versions_link}</a>
        </p>
        <DefinitionView definition=v.definition/>
    }
}

/// `/scoring`: the current version.
#[component]
pub fn ModelPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| get_model(None));
    view! {
        <Title text=t.scoring_title/>
        <h1>{t.scoring_title}</h1>
        <p>{t.scoring_intro}</p>
        {signed_in(data, "/scoring".into(), version_view)}
    }
}

/// `/scoring/versions/:v`: a published version.
#[component]
pub fn VersionPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let number = move || params.read().get("v").and_then(|v| v.parse::<i64>().ok());
    let data = Resource::new(number, |v| async move {
        match v {
            Some(v) => get_model(Some(v)).await,
            None => Err(AppError::NotFound),
        }
    });
    let title = move || number().map(|n| t.scoring_version_title(n)).unwrap_or_default();
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        {signed_in(data, "/scoring/versions".into(), version_view)}
    }
}

fn version_options(versions: &[i64], selected: i64) -> impl IntoView {
    let t = use_texts();
    versions
        .iter()
        .map(|v| view! { <option value=v.to_string() selected=*v == selected>{t.scoring_version_label(*v)}</option> })
        .collect_view()
}

/// The compare form: a plain GET to `/scoring/compare`.
fn compare_form(versions: &[i64], from: i64, to: i64) -> impl IntoView {
    let t = use_texts();
    view! {
        <form method="get" action="/scoring/compare" class="form inline-form">
            <div class="field">
                <label for="compare-from">{t.scoring_compare_from}</label>
                <select id="compare-from" name="from">{version_options(versions, from)}</select>
            </div>
            <div class="field">
                <label for="compare-to">{t.scoring_compare_to}</label>
                <select id="compare-to" name="to">{version_options(versions, to)}</select>
            </div>
            <button type="submit" class="button">{t.scoring_compare_button}</button>
        </form>
    }
}

/// `/scoring/versions`: every version, and the compare form.
#[component]
pub fn VersionsPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_versions());
    view! {
        <Title text=t.scoring_versions_title/>
        <h1>{t.scoring_versions_title}</h1>
        {signed_in(data, "/scoring/versions".into(), move |versions: Vec<ModelVersion>| {
            let numbers: Vec<i64> = versions.iter().map(|v| v.version).collect();
            let latest = numbers.first().copied().unwrap_or(1);
            view! {
                <div class="table-wrap">
                <table class="scoring-versions">
                    <caption>{t.scoring_versions_caption}</caption>
                    <thead><tr>
                        <th scope="col">{t.scoring_col_version}</th>
                        <th scope="col">{t.scoring_col_published}</th>
                        <th scope="col">{t.scoring_col_by}</th>
                        <th scope="col">{t.scoring_col_note}</th>
                    </tr></thead>
                    <tbody>
                    {versions.into_iter().map(|v| {
                        let by = v.published_by.as_ref().map(|p| t.person(p)).unwrap_or_else(|| t.scoring_shipped.to_owned());
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/scoring/versions/{}", v.version)>{t.scoring_version_label(v.version)}</a></th>
                                <td>{locale.moment(v.published_at)}</td>
                                <td>{by}</td>
                                <td>{v.note}</td>
                            </tr>
                        }
                    }).collect_view()}
                    </tbody>
                </table>
                </div>
                <section aria-labelledby="compare-heading">
                    <h2 id="compare-heading">{t.scoring_compare_title}</h2>
                    {compare_form(&numbers, (latest - 1).max(1), latest)}
                </section>
            }
        })}
    }
}

fn change_text(t: &Texts, locale: Locale, change: &Change) -> (String, Vec<String>) {
    let pct = |v: f64| format!("{}\u{a0}%", locale.quantity(v));
    match change {
        Change::Blend { from, to } => (t.scoring_change_blend(pct(*from), pct(*to)), vec![]),
        Change::ValueThreshold { from, to } => (t.scoring_change_value_threshold(pct(*from), pct(*to)), vec![]),
        Change::FeasibilityThreshold { from, to } => {
            (t.scoring_change_feasibility_threshold(pct(*from), pct(*to)), vec![])
        }
        Change::Added { label, .. } => (t.scoring_change_added(label.get(locale)), vec![]),
        Change::Removed { label, .. } => (t.scoring_change_removed(label.get(locale)), vec![]),
        Change::Changed { label, what, .. } => {
            let details = what
                .iter()
                .map(|a| match a {
                    Attr::Weight { from, to } => t.scoring_attr_weight(locale.quantity(*from), locale.quantity(*to)),
                    Attr::Axis { from, to } => t.scoring_attr_axis(axis_name(t, *from), axis_name(t, *to)),
                    Attr::Kind { from, to } => t.scoring_attr_kind(kind_name(t, from), kind_name(t, to)),
                    Attr::Ko { to, .. } => if *to { t.scoring_attr_ko_on } else { t.scoring_attr_ko_off }.to_owned(),
                    Attr::Prefill { from, to } => t.scoring_attr_prefill(prefill_name(t, *from), prefill_name(t, *to)),
                    Attr::Label => t.scoring_attr_label.to_owned(),
                    Attr::Help => t.scoring_attr_help.to_owned(),
                    Attr::Levels => t.scoring_attr_levels.to_owned(),
                    Attr::Bands => t.scoring_attr_bands.to_owned(),
                })
                .collect();
            (t.scoring_change_changed(label.get(locale)), details)
        }
    }
}

/// `/scoring/compare?from=A&to=B`.
#[component]
pub fn ComparePage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let number = move |name: &str| query.read().get(name).and_then(|v| v.parse::<i64>().ok());
    let data = Resource::new(move || (number("from"), number("to")), |(from, to)| get_comparison(from, to));
    view! {
        <Title text=t.scoring_compare_title/>
        <h1>{t.scoring_compare_title}</h1>
        {signed_in(data, "/scoring/versions".into(), move |c: Comparison| {
            let changes = c.changes.iter().map(|change| change_text(t, locale, change)).collect::<Vec<_>>();
            view! {
                {compare_form(&c.versions, c.from, c.to)}
                <section aria-labelledby="changes-heading">
                    <h2 id="changes-heading">{t.scoring_compare_heading(c.from, c.to)}</h2>
                    {if changes.is_empty() {
                        view! { <p>{t.scoring_no_changes}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="scoring-changes">
                                {changes.into_iter().map(|(line, details)| view! {
                                    <li>
                                        {line}
                                        {(!details.is_empty()).then(|| view! {
                                            <ul>{details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <p><a href="/scoring/versions">{t.scoring_versions_link}</a></p>
                </section>
            }
        })}
    }
}

/// Field errors under names that are not `'static` (the editor's per-language, per-band
/// fields and the problems of a whole draft).
#[derive(Clone, Copy)]
pub(crate) struct Errs(pub Signal<Option<AppError>>);

impl Errs {
    pub fn of(self, field: &str) -> Option<Invalid> {
        self.0.with(|e| e.as_ref().and_then(|e| e.field(field)))
    }

    pub fn invalid(self, field: String) -> impl Fn() -> Option<&'static str> + Send + Sync + Clone {
        move || self.of(&field).map(|_| "true")
    }

    pub fn described_by(
        self,
        field: String,
        hint: Option<String>,
    ) -> impl Fn() -> Option<String> + Send + Sync + Clone {
        move || {
            let parts: Vec<String> =
                [hint.clone(), self.of(&field).map(|_| format!("{field}-error"))].into_iter().flatten().collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
    }

    pub fn message(self, field: String) -> impl IntoView {
        let t = use_texts();
        move || {
            self.of(&field)
                .map(|problem| view! { <p class="field-error" id=format!("{field}-error")>{t.invalid(problem)}</p> })
        }
    }

    /// The form's alert; a stale form gets its own message.
    pub fn alert(self) -> impl IntoView {
        let t = use_texts();
        move || {
            self.0.get().map(|error| {
                let text = match error {
                    AppError::Invalid(_) => t.form_has_errors,
                    AppError::Conflict => t.scoring_conflict,
                    other => t.error(&other),
                };
                view! { <p class="error" role="alert">{text}</p> }
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::band_ranges;
    use crate::common::locale::Locale;
    use crate::scoring::model::Band;

    #[test]
    fn bands_read_as_ranges() {
        let bands = [Band { min: 0.0, points: 1 }, Band { min: 2000.0, points: 3 }, Band { min: 10000.0, points: 5 }];
        let en = band_ranges(crate::scoring::texts::texts(Locale::En), Locale::En, &bands, "cases a year");
        assert_eq!(
            en,
            [
                "below 2,000 cases a year → 1 point",
                "2,000–9,999 cases a year → 3 points",
                "10,000 cases a year or more → 5 points",
            ]
        );
        let da =
            band_ranges(crate::scoring::texts::texts(Locale::Da), Locale::Da, &[Band { min: 0.5, points: 2 }], "timer");
        assert_eq!(da, ["alle svar → 2 point"]);
        let halves = [Band { min: 0.0, points: 5 }, Band { min: 2.5, points: 3 }, Band { min: 4.0, points: 1 }];
        assert_eq!(
            band_ranges(crate::scoring::texts::texts(Locale::En), Locale::En, &halves, "%")[1],
            "2.5–< 4 % → 3 points"
        );
    }
}
