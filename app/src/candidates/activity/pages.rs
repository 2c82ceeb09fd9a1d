//! The parts of the candidate page around the record itself: section tabs, following, the
//! phase table, the move form and the comments.

use crate::candidates::lifecycle::REASON_MAX;
use crate::candidates::model::{Comment, Phase, PhaseStay, Status, Viewer};
use crate::candidates::server_fns::{CommentCandidate, FollowCandidate, TransitionCandidate};
use crate::candidates::texts::use_texts;
use crate::candidates::validate::COMMENT_MAX;
use crate::common::locale::use_locale;
use crate::identity::model::PersonRef;
use crate::ui::form::FormErrors;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    History,
}

/// Links between the candidate's page and its history; plain links, so they can be shared.
#[component]
pub fn CandidateTabs(id: i64, current: Tab, with_history: bool) -> impl IntoView {
    let t = use_texts();
    let here = move |tab: Tab| (tab == current).then_some("page");
    view! {
        <nav class="tabs" aria-label=t.tabs_label>
            <ul>
                <li><a href=format!("/candidates/{id}") aria-current=here(Tab::Overview)>{t.tab_overview}</a></li>
                {with_history.then(|| view! {
                    <li><a href=format!("/candidates/{id}/history") aria-current=here(Tab::History)>{t.tab_history}</a></li>
                })}
            </ul>
        </nav>
    }
}

#[component]
pub fn FollowButton(id: i64, viewer: Viewer, followers: i64, action: ServerAction<FollowCandidate>) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="follow">
            <span class="followers">{t.followers(followers)}</span>
            {viewer.may_comment.then(|| view! {
                <ActionForm action attr:class="inline">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="follow" value=if viewer.following { "false" } else { "true" }/>
                    <button type="submit" class="button" aria-pressed=if viewer.following { "true" } else { "false" }>
                        {if viewer.following { t.unfollow } else { t.follow }}
                    </button>
                </ActionForm>
            })}
        </div>
    }
}

/// Every stay in a phase with its dates and length.
#[component]
pub fn PhaseTable(phases: Vec<PhaseStay>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    view! {
        <h2 id="phases">{t.phases_title}</h2>
        <div class="table-wrap">
            <table class="phases" aria-labelledby="phases">
                <thead>
                    <tr>
                        <th scope="col">{t.phases_col_phase}</th>
                        <th scope="col">{t.phases_col_from}</th>
                        <th scope="col">{t.phases_col_to}</th>
                        <th scope="col" class="num">{t.phases_col_days}</th>
                    </tr>
                </thead>
                <tbody>
                    {phases.into_iter().map(|stay| view! {
                        <tr>
                            <th scope="row">{stay.phase.label(t.locale)}</th>
                            <td>{locale.date(stay.entered_on)}</td>
                            <td>{stay.left_on.map(|d| locale.date(d)).unwrap_or_else(|| t.phases_now.to_owned())}</td>
                            <td class="num">{t.days(stay.days)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Phase, status and reason: for the people who oversee the candidate.
#[component]
pub fn MoveForm(id: i64, phase: Phase, status: Status, action: ServerAction<TransitionCandidate>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    view! {
        <section class="move" aria-labelledby="move-title">
            <h2 id="move-title">{t.move_title}</h2>
            <ActionForm action attr:class="form">
                {errors.alert()}
                <input type="hidden" name="form[candidate_id]" value=id.to_string()/>
                <div class="inline-fields">
                    <div class="field">
                        <label for="move-phase">{t.move_phase}</label>
                        <select id="move-phase" name="form[phase]"
                            aria-invalid=errors.invalid("phase") aria-describedby=errors.described_by("phase", false)>
                            {Phase::ALL.iter().map(|p| view! {
                                <option value=p.as_str() selected=*p == phase>{p.label(t.locale)}</option>
                            }).collect_view()}
                        </select>
                        {errors.message("phase")}
                    </div>
                    <div class="field">
                        <label for="move-status">{t.move_status}</label>
                        <select id="move-status" name="form[status]"
                            aria-invalid=errors.invalid("status") aria-describedby=errors.described_by("status", false)>
                            {Status::ALL.iter().map(|s| view! {
                                <option value=s.as_str() selected=*s == status>{s.label(t.locale)}</option>
                            }).collect_view()}
                        </select>
                        {errors.message("status")}
                    </div>
                </div>
                <div class="field">
                    <label for="reason">{t.move_reason}</label>
                    <p class="hint" id="reason-hint">{t.move_reason_hint}</p>
                    <textarea id="reason" name="form[reason]" rows="3" maxlength=REASON_MAX
                        aria-invalid=errors.invalid("reason") aria-describedby=errors.described_by("reason", true)>
                    </textarea>
                    {errors.message("reason")}
                </div>
                <div class="field">
                    <label for="duplicate_of">{t.move_duplicate_of}</label>
                    <p class="hint" id="duplicate_of-hint">{t.move_duplicate_of_hint}</p>
                    <input id="duplicate_of" name="form[duplicate_of]" type="text" inputmode="numeric" autocomplete="off"
                        aria-invalid=errors.invalid("duplicate_of")
                        aria-describedby=errors.described_by("duplicate_of", true)/>
                    {errors.message("duplicate_of")}
                </div>
                <button type="submit" class="button primary">{t.move_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn Comments(
    id: i64,
    comments: Vec<Comment>,
    viewer: Viewer,
    action: ServerAction<CommentCandidate>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    let empty = comments.is_empty();
    view! {
        <section class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{t.comments_title}</h2>
            {empty.then(|| view! { <p>{t.comments_empty}</p> })}
            <ol class="comment-list">
                {comments.into_iter().map(|c| {
                    let author = match &c.author {
                        PersonRef::Withheld => c.municipality.clone(),
                        person => format!("{} ({})", t.person(person), c.municipality),
                    };
                    view! {
                        <li id=format!("comment-{}", c.id)>
                            <article>
                                <p class="comment-meta"><strong>{author}</strong>" · "
                                    <time datetime=c.at.date().to_string()>{locale.moment(c.at)}</time></p>
                                <p class="prose">{c.body}</p>
                            </article>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {if viewer.may_comment {
                view! {
                    <ActionForm action attr:class="form">
                        {errors.alert()}
                        <input type="hidden" name="form[candidate_id]" value=id.to_string()/>
                        <div class="field">
                            <label for="body">{t.comment_label}</label>
                            <p class="hint" id="body-hint">{t.comment_hint}</p>
                            <textarea id="body" name="form[body]" rows="4" required maxlength=COMMENT_MAX
                                aria-invalid=errors.invalid("body") aria-describedby=errors.described_by("body", true)>
                            </textarea>
                            {errors.message("body")}
                        </div>
                        <button type="submit" class="button">{t.comment_submit}</button>
                    </ActionForm>
                }.into_any()
            } else if !viewer.signed_in {
                view! { <p><a href=format!("/login?next=/candidates/{id}")>{t.comment_sign_in}</a></p> }.into_any()
            } else {
                ().into_any()
            }}
        </section>
    }
}
