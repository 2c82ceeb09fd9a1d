//! Server functions for candidates: thin doors onto [`service`](crate::candidates::service).

use crate::candidates::model::{
    CandidateDetail, CandidateForm, CandidateListView, CandidateSummary, CommentForm, HistoryEvent, Notification,
    ReportContext, TransitionForm,
};
use crate::candidates::record::model::{EditContext, RecordForm};
use crate::common::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/fn", endpoint = "candidates/search", input = GetUrl)]
pub async fn search_candidates(query: String) -> Result<CandidateListView, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::list_view(&ctx.db, ctx.actor.as_ref(), &query).await)
}

#[server(prefix = "/fn", endpoint = "candidates/get", input = GetUrl)]
pub async fn get_candidate(id: i64) -> Result<CandidateDetail, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::get_with_contact(&ctx.db, &ctx.state.keys, ctx.actor.as_ref(), id).await)
}

#[server(prefix = "/fn", endpoint = "candidates/edit_context", input = GetUrl)]
pub async fn get_edit_context(id: i64) -> Result<EditContext, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(
        crate::candidates::record::service::edit_context(&ctx.db, &ctx.state.keys, ctx.actor.as_ref(), id, ctx.locale)
            .await,
    )
}

/// Saves the full record and sends the browser back to the candidate.
#[server(prefix = "/fn", endpoint = "candidates/edit")]
pub async fn edit_candidate(form: RecordForm) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(
        crate::candidates::record::service::edit(&ctx.db, &ctx.state.keys, ctx.actor.as_ref(), &form, ctx.locale).await,
    )?;
    leptos_axum::redirect(&format!("/candidates/{}", form.candidate_id));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "candidates/report_context", input = GetUrl)]
pub async fn get_report_context() -> Result<ReportContext, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::report_context(&ctx.db, ctx.actor.as_ref()).await)
}

/// Candidates like a title being typed on the report form (see `service::similar`).
#[server(prefix = "/fn", endpoint = "candidates/similar", input = GetUrl)]
pub async fn similar_candidates(title: String) -> Result<Vec<CandidateSummary>, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::similar(&ctx.db, ctx.actor.as_ref(), &title).await)
}

/// Stores the quick report and sends the browser to the new candidate's page.
#[server(prefix = "/fn", endpoint = "candidates/report")]
pub async fn report_candidate(form: CandidateForm) -> Result<i64, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    let id = reply(crate::candidates::service::report(&ctx.db, ctx.actor.as_ref(), &form, ctx.locale).await)?;
    leptos_axum::redirect(&format!("/candidates/{id}"));
    Ok(id)
}

/// Moves a candidate to another phase or status; back to its page.
#[server(prefix = "/fn", endpoint = "candidates/transition")]
pub async fn transition_candidate(form: TransitionForm) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::transition(&ctx.db, ctx.actor.as_ref(), &form).await)?;
    leptos_axum::redirect(&format!("/candidates/{}", form.candidate_id));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "candidates/comment")]
pub async fn comment_candidate(form: CommentForm) -> Result<i64, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    let id = reply(crate::candidates::service::comment(&ctx.db, ctx.actor.as_ref(), &form).await)?;
    leptos_axum::redirect(&format!("/candidates/{}#comment-{id}", form.candidate_id));
    Ok(id)
}

/// `follow` is "true" to follow, anything else to stop.
#[server(prefix = "/fn", endpoint = "candidates/follow")]
pub async fn follow_candidate(id: i64, follow: String) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::follow(&ctx.db, ctx.actor.as_ref(), id, follow == "true").await)?;
    leptos_axum::redirect(&format!("/candidates/{id}"));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "candidates/history", input = GetUrl)]
pub async fn get_history(id: i64) -> Result<Vec<HistoryEvent>, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::history(&ctx.db, ctx.actor.as_ref(), id).await)
}

#[server(prefix = "/fn", endpoint = "notifications/list", input = GetUrl)]
pub async fn get_notifications() -> Result<Vec<Notification>, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::notifications(&ctx.db, ctx.actor.as_ref()).await)
}

/// The number of unread notifications for the header; `None` for visitors.
#[server(prefix = "/fn", endpoint = "notifications/unread", input = GetUrl)]
pub async fn get_unread_notifications() -> Result<Option<i64>, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::unread(&ctx.db, ctx.actor.as_ref()).await)
}

#[server(prefix = "/fn", endpoint = "notifications/read")]
pub async fn mark_notifications_read(up_to: i64) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::mark_read(&ctx.db, ctx.actor.as_ref(), up_to).await)?;
    leptos_axum::redirect("/notifications");
    Ok(())
}

/// Whether the caller wants e-mail about followed candidates (the notifications page's form).
#[server(prefix = "/fn", endpoint = "notifications/mail", input = GetUrl)]
pub async fn get_mail_wanted() -> Result<bool, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::mail_wanted(&ctx.db, ctx.actor.as_ref()).await)
}

/// `email_me` is the checkbox: present ("on") when ticked, absent when not — which is how a
/// browser without JavaScript posts it.
#[server(prefix = "/fn", endpoint = "notifications/mail/save")]
pub async fn save_mail_wanted(email_me: Option<String>) -> Result<(), AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::service::set_mail_wanted(&ctx.db, ctx.actor.as_ref(), email_me.is_some()).await)?;
    leptos_axum::redirect("/notifications?mail=saved");
    Ok(())
}

/// The session key under which the attachment routes leave the outcome of an upload or a
/// deletion for the candidate page (see `flash`).
pub const ATTACHMENT_NOTICE_KEY: &str = "attachments.notice";

/// The attachments section of a candidate's page: what the caller may see of them.
#[server(prefix = "/fn", endpoint = "candidates/attachments", input = GetUrl)]
pub async fn get_attachments(id: i64) -> Result<crate::candidates::attachments::AttachmentsView, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    reply(crate::candidates::attachments::view(&ctx.db, ctx.actor.as_ref(), id, ctx.state.attachment_max_bytes).await)
}

/// The outcome of the caller's last upload or deletion, once: taking it removes it from the
/// session. A POST, because it changes the session.
#[server(prefix = "/fn", endpoint = "candidates/attachments/notice")]
pub async fn take_attachment_notice() -> Result<Option<crate::candidates::attachments::AttachmentNotice>, AppError> {
    use crate::identity::request::{ctx, reply};
    let ctx = ctx().await?;
    let Some(actor) = ctx.actor.as_ref() else { return Ok(None) };
    let now = time::OffsetDateTime::now_utc();
    reply(crate::flash::take(&ctx.auth.session, ATTACHMENT_NOTICE_KEY, actor.user_id, now).await)
}
