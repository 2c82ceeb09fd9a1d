//! The backlog pages (municipality and consortium), the matrix, the decision log and the
//! decisions section of a candidate's page. Every form works without JavaScript: filters are
//! GET forms, writes are `<ActionForm>` posts that come back with a notice or the error.

use crate::common::error::AppError;
use crate::common::locale::use_locale;
use crate::identity::auth::pages::signed_in;
use crate::scoring::backlog::matrix::{MatrixSvg, MAX_POINTS};
use crate::scoring::backlog::model::{
    BacklogRow, CandidateDecisions, Decision, Outcome, BACKLOG_PHASES, MEETING_MAX, RATIONALE_MAX, REASON_MAX,
};
use crate::scoring::backlog::server_fns::{
    get_backlog, get_candidate_decisions, get_decision_log, get_matrix, OverrideRank, RecordDecision,
    RemoveRankOverride,
};
use crate::scoring::compute::Quadrant;
use crate::scoring::model::Scope;
use crate::scoring::texts::use_texts;
use crate::ui::form::FormErrors;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// A query parameter, empty when absent.
fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.read().get(name).unwrap_or_default()
}

#[component]
pub fn BacklogPage() -> impl IntoView {
    view! { <BacklogView scope=Scope::Municipality/> }
}

#[component]
pub fn ConsortiumBacklogPage() -> impl IntoView {
    view! { <BacklogView scope=Scope::Consortium/> }
}

#[component]
fn ScopeTabs(scope: Scope) -> impl IntoView {
    let t = use_texts();
    let here = move |s: Scope| (s == scope).then_some("page");
    view! {
        <nav class="tabs" aria-label=t.backlog_scope_label>
            <ul>
                <li><a href="/backlog" aria-current=here(Scope::Municipality)>{crate::common::enums::Scope::label(Scope::Municipality, t.locale)}</a></li>
                <li><a href="/backlog/consortium" aria-current=here(Scope::Consortium)>{crate::common::enums::Scope::label(Scope::Consortium, t.locale)}</a></li>
                <li><a href="/matrix">{t.nav_matrix}</a></li>
                <li><a href="/decisions">{t.backlog_log_title}</a></li>
            </ul>
        </nav>
    }
}

/// The filters, as a GET form back to `action`.
#[component]
fn Filters(
    action: &'static str,
    scope: Scope,
    departments: Vec<(i64, String)>,
    with_scope: bool,
    with_sort: bool,
) -> impl IntoView {
    let t = use_texts();
    let (quadrant, phase, department, sort) =
        (param("quadrant")(), param("phase")(), param("department")(), param("sort")());
    view! {
        <form class="search filters" method="get" action=action>
            {with_scope.then(|| view! {
                <div class="field">
                    <label for="f-scope">{t.backlog_scope_label}</label>
                    <select id="f-scope" name="scope">
                        {Scope::ALL.into_iter().map(|s| view! {
                            <option value=s.key() selected=s == scope>{s.label(t.locale)}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="f-quadrant">{t.backlog_col_quadrant}</label>
                <select id="f-quadrant" name="quadrant">
                    <option value="">{t.backlog_filter_all}</option>
                    {Quadrant::ALL.into_iter().map(|q| view! {
                        <option value=q.key() selected=q.key() == quadrant>{q.label(t.locale)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-phase">{t.backlog_col_phase}</label>
                <select id="f-phase" name="phase">
                    <option value="">{t.backlog_filter_all}</option>
                    {BACKLOG_PHASES.into_iter().map(|p| view! {
                        <option value=p.as_str() selected=p.as_str() == phase>{p.label(t.locale)}</option>
                    }).collect_view()}
                </select>
            </div>
            {(!departments.is_empty()).then(|| view! {
                <div class="field">
                    <label for="f-department">{t.backlog_col_department}</label>
                    <select id="f-department" name="department">
                        <option value="">{t.backlog_filter_all}</option>
                        {departments.into_iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=id.to_string() == department>{name}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            {with_sort.then(|| view! {
                <div class="field">
                    <label for="f-sort">{t.backlog_sort}</label>
                    <select id="f-sort" name="sort">
                        <option value="utility" selected=sort != "value">{t.backlog_col_utility}</option>
                        <option value="value" selected=sort == "value">{t.backlog_col_consortium_value}</option>
                    </select>
                </div>
            })}
            <button type="submit" class="button">{t.backlog_filter_apply}</button>
        </form>
    }
}

#[component]
fn BacklogView(scope: Scope) -> impl IntoView {
    let t = use_texts();
    // Outside the Suspense, so that without JavaScript they pick up the error in the URL.
    let set = ServerAction::<OverrideRank>::new();
    let remove = ServerAction::<RemoveRankOverride>::new();
    let (quadrant, phase, department, sort) = (param("quadrant"), param("phase"), param("department"), param("sort"));
    let saved = param("saved");
    let data = Resource::new(
        move || (quadrant(), phase(), department(), sort(), set.version().get(), remove.version().get()),
        move |(q, p, d, s, ..)| get_backlog(scope.key().to_owned(), q, p, d, s),
    );
    let errors = FormErrors::new(Signal::derive(move || {
        set.value().get().and_then(|r| r.err()).or_else(|| remove.value().get().and_then(|r| r.err()))
    }));
    let (title, path) = match scope {
        Scope::Municipality => (t.backlog_title, "/backlog"),
        Scope::Consortium => (t.backlog_consortium_title, "/backlog/consortium"),
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <ScopeTabs scope/>
        {move || match saved().as_str() {
            "override" => Some(view! { <p class="notice" role="status">{t.backlog_override_saved}</p> }),
            "removed" => Some(view! { <p class="notice" role="status">{t.backlog_override_removed}</p> }),
            _ => None,
        }}
        {errors.alert()}
        {move || {
            ["position", "reason"].into_iter().filter_map(|f| errors.of(f).map(|p| (f, p))).map(|(f, p)| {
                let label = if f == "position" { t.backlog_override_position } else { t.backlog_override_reason };
                view! { <p class="field-error">{label}": "{t.invalid(p)}</p> }
            }).collect_view()
        }}
        {signed_in(data, path.to_owned(), move |b: crate::scoring::backlog::model::Backlog| {
            let consortium = b.scope == Scope::Consortium;
            view! {
                <Filters action=path scope departments=b.departments.clone() with_scope=false with_sort=consortium/>
                <BacklogTable rows=b.rows caption=title consortium ranked=true set remove/>
                <h2 id="stopped">{t.backlog_stopped_title}</h2>
                <BacklogTable rows=b.stopped caption=t.backlog_stopped_title consortium ranked=false set remove/>
            }
        })}
    }
}

#[component]
fn BacklogTable(
    rows: Vec<BacklogRow>,
    caption: &'static str,
    consortium: bool,
    ranked: bool,
    set: ServerAction<OverrideRank>,
    remove: ServerAction<RemoveRankOverride>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    if rows.is_empty() {
        return view! { <p>{t.backlog_empty}</p> }.into_any();
    }
    let scope = if consortium { Scope::Consortium } else { Scope::Municipality };
    let any_editable = ranked && rows.iter().any(|r| r.may_prioritise);
    view! {
        <div class="table-scroll">
        <table class="backlog">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    {ranked.then(|| view! { <th scope="col">{t.backlog_col_rank}</th> })}
                    <th scope="col">{t.backlog_col_title}</th>
                    {consortium.then(|| view! { <th scope="col">{t.backlog_col_municipality}</th> })}
                    {(!consortium).then(|| view! { <th scope="col">{t.backlog_col_department}</th> })}
                    <th scope="col">{t.backlog_col_phase}</th>
                    <th scope="col">{t.backlog_col_quadrant}</th>
                    <th scope="col" class="num">{t.backlog_col_value}</th>
                    <th scope="col" class="num">{t.backlog_col_feasibility}</th>
                    <th scope="col" class="num">{t.backlog_col_utility}</th>
                    {consortium.then(|| view! { <th scope="col" class="num">{t.backlog_col_consortium_value}</th> })}
                    <th scope="col">{t.backlog_col_decision}</th>
                    {any_editable.then(|| view! { <th scope="col">{t.backlog_col_actions}</th> })}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let id = r.id;
                    let rank_cell = ranked.then(|| {
                        let rank = r.rank.map(|n| n.to_string()).unwrap_or_default();
                        let detail = r.manual.clone().map(|(position, reason)| view! {
                            <br/><span class="rank-manual">{t.backlog_manual_rank(position)}</span>
                            <br/><span class="rank-computed">{t.backlog_computed_rank(r.computed_rank.unwrap_or_default())}</span>
                            <br/><span class="rank-reason">{t.backlog_override_reason}": "{reason}</span>
                        });
                        view! { <td class="rank"><strong>{rank}</strong>{detail}</td> }
                    });
                    let editor = (any_editable).then(|| {
                        let form = r.may_prioritise.then(|| {
                            let pos_id = format!("position-{id}");
                            let reason_id = format!("reason-{id}");
                            let has_manual = r.manual.is_some();
                            let legend = t.backlog_override_legend(&r.title);
                            view! {
                                <ActionForm action=set attr:class="override">
                                    <fieldset>
                                        <legend class="visually-hidden">{legend}</legend>
                                        <input type="hidden" name="form[scope]" value=scope.key()/>
                                        <input type="hidden" name="form[candidate_id]" value=id.to_string()/>
                                        <label for=pos_id.clone()>{t.backlog_override_position}</label>
                                        <input id=pos_id type="number" name="form[position]" min="1" max="100000" required
                                            inputmode="numeric" size="4"
                                            value=r.manual.as_ref().map(|m| m.0.to_string()).unwrap_or_default()/>
                                        <label for=reason_id.clone()>{t.backlog_override_reason}</label>
                                        <input id=reason_id type="text" name="form[reason]" required maxlength=REASON_MAX
                                            value=r.manual.as_ref().map(|m| m.1.clone()).unwrap_or_default()/>
                                        <button type="submit" class="button small">{t.backlog_override_submit}</button>
                                    </fieldset>
                                </ActionForm>
                                {has_manual.then(|| view! {
                                    <ActionForm action=remove attr:class="inline">
                                        <input type="hidden" name="scope" value=scope.key()/>
                                        <input type="hidden" name="candidate_id" value=id.to_string()/>
                                        <button type="submit" class="button small secondary">{t.backlog_override_remove}</button>
                                    </ActionForm>
                                })}
                            }
                        });
                        view! { <td class="actions">{form}</td> }
                    });
                    view! {
                        <tr id=format!("row-{id}")>
                            {rank_cell}
                            <th scope="row"><A href=format!("/candidates/{id}")>{r.title.clone()}</A>
                                {r.knocked_out.then(|| view! { " "<span class="badge">{t.backlog_knocked_out}</span> })}</th>
                            {consortium.then(|| view! { <td>{r.municipality.clone()}</td> })}
                            {(!consortium).then(|| view! { <td>{r.department.clone().unwrap_or_default()}</td> })}
                            <td>{r.phase.label(t.locale)}</td>
                            <td>{r.quadrant.label(t.locale)}</td>
                            <td class="num">{locale.number(r.value, 0)}</td>
                            <td class="num">{locale.number(r.feasibility, 0)}</td>
                            <td class="num">{locale.number(r.utility, 0)}</td>
                            {consortium.then(|| view! {
                                <td class="num">{r.consortium_value.map(|v| locale.money(v, &r.currency)).unwrap_or_else(|| "–".into())}</td>
                            })}
                            <td>{r.latest_decision.as_ref().map(|d| format!("{} ({})", d.outcome.label(t.locale), locale.date(d.decided_on)))}</td>
                            {editor}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }.into_any()
}

#[component]
pub fn MatrixPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let (scope, quadrant, phase, department) = (param("scope"), param("quadrant"), param("phase"), param("department"));
    let data = Resource::new(
        move || (scope(), quadrant(), phase(), department()),
        |(s, q, p, d)| async move {
            let s = if s.is_empty() { "municipality".to_owned() } else { s };
            get_matrix(s, q, p, d).await
        },
    );
    view! {
        <Title text=t.backlog_matrix_title/>
        <h1>{t.backlog_matrix_title}</h1>
        {signed_in(data, "/matrix".into(), move |m: crate::scoring::backlog::model::MatrixData| {
            let capped = m.rows.len() > MAX_POINTS;
            let rows = m.rows.clone();
            view! {
                <Filters action="/matrix" scope=m.scope departments=m.departments.clone() with_scope=true with_sort=false/>
                <p><a href="#matrix-table">{t.backlog_matrix_to_table}</a></p>
                <figure class="matrix-figure">
                    <MatrixSvg data=m/>
                    <figcaption>{t.backlog_matrix_desc}</figcaption>
                </figure>
                {capped.then(|| view! { <p class="notice">{t.backlog_matrix_capped(MAX_POINTS)}</p> })}
                {rows.is_empty().then(|| view! { <p>{t.backlog_empty}</p> })}
                <div class="table-scroll">
                <table class="backlog" id="matrix-table">
                    <caption>{t.backlog_matrix_table_caption}</caption>
                    <thead><tr>
                        <th scope="col">{t.backlog_col_title}</th>
                        <th scope="col">{t.backlog_col_municipality}</th>
                        <th scope="col">{t.backlog_col_quadrant}</th>
                        <th scope="col" class="num">{t.backlog_col_value}</th>
                        <th scope="col" class="num">{t.backlog_col_feasibility}</th>
                        <th scope="col" class="num">{t.backlog_col_utility}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row"><A href=format!("/candidates/{}", r.id)>{r.title.clone()}</A>
                                    {r.knocked_out.then(|| view! { " "<span class="badge">{t.backlog_knocked_out}</span> })}</th>
                                <td>{r.municipality.clone()}</td>
                                <td>{r.quadrant.label(t.locale)}</td>
                                <td class="num">{locale.number(r.value, 0)}</td>
                                <td class="num">{locale.number(r.feasibility, 0)}</td>
                                <td class="num">{locale.number(r.utility, 0)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }
        })}
    }
}

#[component]
fn DecisionTable(decisions: Vec<Decision>, with_candidate: bool) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    view! {
        <div class="table-scroll">
        <table class="decisions">
            <caption>{t.backlog_decisions_title}</caption>
            <thead><tr>
                <th scope="col">{t.backlog_decision_date}</th>
                {with_candidate.then(|| view! { <th scope="col">{t.backlog_col_title}</th> })}
                <th scope="col">{t.backlog_scope_label}</th>
                <th scope="col">{t.backlog_decision_outcome}</th>
                <th scope="col">{t.backlog_decision_rationale}</th>
                <th scope="col">{t.backlog_decision_meeting}</th>
                <th scope="col">{t.backlog_decision_by}</th>
            </tr></thead>
            <tbody>
                {decisions.into_iter().map(|d| view! {
                    <tr>
                        <td><time datetime=d.decided_on.to_string()>{locale.date(d.decided_on)}</time></td>
                        {with_candidate.then(|| view! {
                            <td><A href=format!("/candidates/{}", d.candidate_id)>{d.candidate_title.clone()}</A></td>
                        })}
                        <td>{d.scope.label(t.locale)}</td>
                        <td>{d.outcome.label(t.locale)}</td>
                        <td class="prose">{d.rationale.clone()}</td>
                        <td>{d.meeting.clone().unwrap_or_default()}</td>
                        <td>{d.recorded_by.as_ref().map(|p| t.person(p))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
pub fn DecisionLogPage() -> impl IntoView {
    let t = use_texts();
    let (scope, from, to, outcome) = (param("scope"), param("from"), param("to"), param("outcome"));
    let data = Resource::new(move || (scope(), from(), to(), outcome()), |(s, f, to, o)| get_decision_log(s, f, to, o));
    view! {
        <Title text=t.backlog_log_title/>
        <h1>{t.backlog_log_title}</h1>
        <form class="search filters" method="get" action="/decisions">
            <div class="field">
                <label for="l-scope">{t.backlog_scope_label}</label>
                <select id="l-scope" name="scope">
                    <option value="">{t.backlog_filter_all}</option>
                    {Scope::ALL.into_iter().map(|s| view! {
                        <option value=s.key() selected=move || scope() == s.key()>{s.label(t.locale)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="l-from">{t.backlog_log_from}</label>
                <input id="l-from" type="date" name="from" value=from/>
            </div>
            <div class="field">
                <label for="l-to">{t.backlog_log_to}</label>
                <input id="l-to" type="date" name="to" value=to/>
            </div>
            <div class="field">
                <label for="l-outcome">{t.backlog_decision_outcome}</label>
                <select id="l-outcome" name="outcome">
                    <option value="">{t.backlog_filter_all}</option>
                    {Outcome::ALL.iter().map(|o| {
                        let o = *o;
                        view! { <option value=o.as_str() selected=move || outcome() == o.as_str()>{o.label(t.locale)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t.backlog_filter_apply}</button>
        </form>
        {signed_in(data, "/decisions".into(), move |list: Vec<Decision>| {
            if list.is_empty() {
                view! { <p>{t.backlog_decisions_empty}</p> }.into_any()
            } else {
                view! { <DecisionTable decisions=list with_candidate=true/> }.into_any()
            }
        })}
    }
}

/// What the candidate page's decisions section loads; made outside the page's Suspense (see
/// `CandidateDetailPage`) so a plain form post's error shows.
#[derive(Clone, Copy)]
pub struct DecisionsData {
    action: ServerAction<RecordDecision>,
    data: Resource<Result<CandidateDecisions, AppError>>,
}

impl DecisionsData {
    pub fn new(id: impl Fn() -> Option<i64> + Copy + Send + Sync + 'static) -> DecisionsData {
        let action = ServerAction::<RecordDecision>::new();
        let data = Resource::new(
            move || (id(), action.version().get()),
            |(id, _)| async move {
                match id {
                    Some(id) => get_candidate_decisions(id).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        DecisionsData { action, data }
    }
}

/// The decisions on a candidate and, for those who may prioritise it, the form to record one.
#[component]
pub fn Decisions(id: i64, data: DecisionsData) -> impl IntoView {
    let t = use_texts();
    let DecisionsData { action, data } = data;
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    let saved = param("decision");
    view! {
        <section class="decisions" id="decisions" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{t.backlog_decisions_title}</h2>
            {move || (saved() == "saved" && errors.of("rationale").is_none() && !errors.any())
                .then(|| view! { <p class="notice" role="status">{t.backlog_decision_saved}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    data.await.ok().map(|d| {
                        let today = d.today.to_string();
                        let scopes = d.may_decide_in.clone();
                        view! {
                            {if d.decisions.is_empty() {
                                view! { <p>{t.backlog_decisions_empty}</p> }.into_any()
                            } else {
                                view! { <DecisionTable decisions=d.decisions.clone() with_candidate=false/> }.into_any()
                            }}
                            {(!scopes.is_empty()).then(|| view! {
                                <ActionForm action attr:class="form">
                                    <h3>{t.backlog_decision_form_title}</h3>
                                    {errors.alert()}
                                    <input type="hidden" name="form[candidate_id]" value=id.to_string()/>
                                    <fieldset aria-describedby=errors.described_by("scope", false)>
                                        <legend>{t.backlog_scope_label}</legend>
                                        {scopes.iter().enumerate().map(|(i, s)| {
                                            let input_id = format!("decision-scope-{}", s.key());
                                            view! {
                                                <div class="field radio">
                                                    <input type="radio" id=input_id.clone() name="form[scope]" value=s.key() checked=i == 0/>
                                                    <label for=input_id>{s.label(t.locale)}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                        {errors.message("scope")}
                                    </fieldset>
                                    <fieldset aria-describedby=errors.described_by("outcome", false)>
                                        <legend>{t.backlog_decision_outcome}</legend>
                                        {Outcome::ALL.iter().map(|o| {
                                            let input_id = format!("decision-outcome-{}", o.as_str());
                                            view! {
                                                <div class="field radio">
                                                    <input type="radio" id=input_id.clone() name="form[outcome]" value=o.as_str() required/>
                                                    <label for=input_id>{o.label(t.locale)}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                        {errors.message("outcome")}
                                    </fieldset>
                                    <div class="field">
                                        <label for="rationale">{t.backlog_decision_rationale}</label>
                                        <textarea id="rationale" name="form[rationale]" rows="4" required maxlength=RATIONALE_MAX
                                            aria-invalid=errors.invalid("rationale")
                                            aria-describedby=errors.described_by("rationale", false)></textarea>
                                        {errors.message("rationale")}
                                    </div>
                                    <div class="field">
                                        <label for="meeting">{t.backlog_decision_meeting}</label>
                                        <p class="hint" id="meeting-hint">{t.backlog_decision_meeting_hint}</p>
                                        <input id="meeting" type="text" name="form[meeting]" maxlength=MEETING_MAX
                                            aria-invalid=errors.invalid("meeting")
                                            aria-describedby=errors.described_by("meeting", true)/>
                                        {errors.message("meeting")}
                                    </div>
                                    <div class="field">
                                        <label for="decided_on">{t.backlog_decision_date}</label>
                                        <input id="decided_on" type="date" name="form[decided_on]" value=today.clone() max=today
                                            aria-invalid=errors.invalid("decided_on")
                                            aria-describedby=errors.described_by("decided_on", false)/>
                                        {errors.message("decided_on")}
                                    </div>
                                    <button type="submit" class="button">{t.backlog_decision_submit}</button>
                                </ActionForm>
                            })}
                        }
                    })
                })}
            </Suspense>
        </section>
    }
}
