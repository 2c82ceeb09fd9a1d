use crate::candidates::activity::pages::{CandidateTabs, Comments, FollowButton, MoveForm, PhaseTable, Tab};
use crate::candidates::attachments::pages::{Attachments, AttachmentsData};
use crate::candidates::model::Status;
use crate::candidates::pages::benefit_view::BenefitView;
use crate::candidates::record::pages::view::RecordView;
use crate::candidates::server_fns::{get_candidate, CommentCandidate, FollowCandidate, TransitionCandidate};
use crate::candidates::texts::use_texts;
use crate::common::error::AppError;
use crate::common::locale::use_locale;
use crate::ui::page::ErrorView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The id in the route, or `None` when it is not a number.
pub fn route_id() -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse::<i64>().ok())
}

/// What other domains show on a candidate's page (its score, the decisions on it), given by the
/// crate root, which composes the domains: candidates imports none of them. Each is drawn
/// once the candidate is there; it loads its own data, created before the page waits.
#[derive(Clone)]
pub struct Sections {
    /// Under the benefit, before the facts.
    pub score: ViewFn,
    /// Under the phases.
    pub decisions: ViewFn,
}

#[component]
pub fn CandidateDetailPage(sections: Sections) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let id = route_id();
    // Created here, outside the Suspense, so that without JavaScript each picks up the error
    // the server put in the URL, and the hydrated page reloads the candidate after each.
    let transition = ServerAction::<TransitionCandidate>::new();
    let comment = ServerAction::<CommentCandidate>::new();
    let follow = ServerAction::<FollowCandidate>::new();
    let attachments = AttachmentsData::new(id);
    let candidate = Resource::new(
        move || (id(), transition.version().get(), comment.version().get(), follow.version().get()),
        |(id, ..)| async move {
            match id {
                Some(id) => get_candidate(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
            {move || { let sections = sections.clone(); Suspend::new(async move {
                match candidate.await {
                    Err(error) => view! {
                        <Title text=t.error(&error)/>
                        <h1>{t.error(&error)}</h1>
                        <ErrorView error/>
                        <p><A href="/candidates">{t.back_to_list}</A></p>
                    }.into_any(),
                    Ok(c) => {
                        let benefit = c.benefit();
                        let figures = benefit.figures;
                        let per = c.period.per_label(t.locale);
                        let reason = (c.status != Status::Active).then(|| c.status_reason.clone()).flatten();
                        view! {
                            <Title text=c.title.clone()/>
                            <p class="breadcrumb"><A href="/candidates">{t.back_to_list}</A></p>
                            <article class="candidate">
                                <div class="page-head">
                                    <h1>{c.title.clone()}</h1>
                                    <FollowButton id=c.id viewer=c.viewer followers=c.followers action=follow/>
                                </div>
                                <p class="meta">
                                    <span class="badge">{c.phase.label(t.locale)}</span>
                                    " "<span class="badge muted">{c.status.label(t.locale)}</span>
                                    " · "{c.municipality.clone()}
                                    {c.department.clone().map(|d| format!(" › {d}"))}
                                </p>
                                {reason.map(|r| view! {
                                    <p class="status-reason"><strong>{t.detail_status_reason}": "</strong>{r}</p>
                                })}
                                {c.duplicate_of.map(|d| view! {
                                    <p><strong>{t.detail_duplicate_of}": "</strong>
                                        <A href=format!("/candidates/{d}")>{format!("#{d}")}</A></p>
                                })}
                                <CandidateTabs id=c.id current=Tab::Overview with_history=c.viewer.may_see_history/>
                                <h2>{t.detail_description}</h2>
                                <p class="prose">{c.description.clone()}</p>
                                <h2>{t.detail_volumetrics}</h2>
                                <dl class="figures">
                                    <div><dt>{t.detail_volume}</dt>
                                        <dd>{format!("{} {per}", locale.quantity(c.volume))}</dd></div>
                                    <div><dt>{t.detail_minutes}</dt>
                                        <dd>{locale.quantity(c.minutes_per_case)}</dd></div>
                                    <div><dt>{t.detail_annual_volume}</dt>
                                        <dd>{locale.number(figures.annual_volume, 0)}</dd></div>
                                    <div><dt>{t.detail_manual_hours}</dt>
                                        <dd data-testid="manual-hours">{locale.number(figures.manual_hours, 0)}</dd></div>
                                    <div><dt>{t.detail_fte}</dt>
                                        <dd data-testid="fte">{locale.number(figures.fte, 2)}</dd></div>
                                </dl>
                                <BenefitView id=c.id benefit economics=c.economics.clone() phase=c.phase
                                    may_edit=c.viewer.may_edit/>
                                {sections.score.run()}
                                <dl class="facts">
                                    <div><dt>{t.detail_reporter}</dt><dd>{t.person(&c.reporter)}</dd></div>
                                    <div><dt>{t.detail_visibility}</dt><dd>{c.visibility.label(t.locale)}</dd></div>
                                    <div><dt>{t.col_reported}</dt><dd>{locale.date(c.created_on)}</dd></div>
                                </dl>
                                {c.viewer.may_edit.then(|| view! {
                                    <p><A href=format!("/candidates/{}/edit", c.id) attr:class="button">{t.record_edit}</A></p>
                                })}
                                <RecordView record=c.record.clone()/>
                                <PhaseTable phases=c.phases.clone()/>
                                {c.viewer.may_move.then(|| view! {
                                    <MoveForm id=c.id phase=c.phase status=c.status action=transition/>
                                })}
                                {sections.decisions.run()}
                                <Attachments id=c.id own_municipality=c.viewer.may_see_history data=attachments/>
                                <Comments id=c.id comments=c.comments.clone() viewer=c.viewer action=comment/>
                            </article>
                        }.into_any()
                    }
                }
            }) }}
        </Transition>
    }
}
