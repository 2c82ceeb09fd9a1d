//! The attachments section of a candidate's page: the files the reader may see, a download link
//! each, an upload form and delete buttons. The forms post to plain HTTP routes (multipart does
//! not go through server functions), so they work the same with and without JavaScript; the
//! outcome comes back through the session.

use crate::candidates::attachments::{
    human_size, kind_label, Attachment, AttachmentNotice, AttachmentVisibility, AttachmentsView,
};
use crate::candidates::server_fns::{get_attachments, take_attachment_notice};
use crate::candidates::texts::use_texts;
use crate::common::error::AppError;
use crate::common::locale::use_locale;
use crate::identity::model::PersonRef;
use crate::ui::form::FormErrors;
use leptos::prelude::*;

/// The section's data: the files, and the outcome of the last upload or deletion (taken out of
/// the session once). Created by the page outside its Suspense: a component inside it may be
/// built more than once while the server renders, and a second build would find the outcome
/// already taken.
#[derive(Clone, Copy)]
pub struct AttachmentsData {
    attachments: Resource<Result<AttachmentsView, AppError>>,
    notice: Resource<Result<Option<AttachmentNotice>, AppError>>,
}

impl AttachmentsData {
    pub fn new(id: impl Fn() -> Option<i64> + Copy + Send + Sync + 'static) -> AttachmentsData {
        AttachmentsData {
            attachments: Resource::new(id, |id| async move {
                match id {
                    Some(id) => get_attachments(id).await,
                    None => Err(AppError::NotFound),
                }
            }),
            notice: Resource::new(id, |_| take_attachment_notice()),
        }
    }
}

#[component]
pub fn Attachments(id: i64, own_municipality: bool, data: AttachmentsData) -> impl IntoView {
    let t = use_texts();
    let AttachmentsData { attachments, notice } = data;
    view! {
        <section class="attachments" id="attachments" aria-labelledby="attachments-title">
            <h2 id="attachments-title">{t.attachments_title}</h2>
            <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
                {move || Suspend::new(async move {
                    let notice = notice.await.ok().flatten();
                    match attachments.await {
                        Ok(view) => view! {
                            <AttachmentsBody id view notice own_municipality/>
                        }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{t.error(&error)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn AttachmentsBody(
    id: i64,
    view: AttachmentsView,
    notice: Option<AttachmentNotice>,
    own_municipality: bool,
) -> impl IntoView {
    let t = use_texts();
    let (done, refused) = match notice {
        Some(AttachmentNotice::Added { file_name }) => (Some(t.attachment_added(&file_name)), None),
        Some(AttachmentNotice::Deleted { file_name }) => (Some(t.attachment_deleted(&file_name)), None),
        Some(AttachmentNotice::Refused(error)) => (None, Some(error)),
        None => (None, None),
    };
    let errors = FormErrors::new(Signal::derive(move || refused.clone()));
    let AttachmentsView { items, may_attach, max_mb, accept } = view;
    let with_actions = items.iter().any(|a| a.may_delete);
    view! {
        {done.map(|text| view! { <p class="notice" role="status">{text}</p> })}
        // Without the upload form (a refused deletion), the refusal shows here.
        {(!may_attach).then(|| errors.alert())}
        {(!own_municipality).then(|| view! { <p class="hint">{t.attachments_shared_only}</p> })}
        {if items.is_empty() {
            view! { <p>{t.attachments_empty}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="attachment-list">
                        <caption class="visually-hidden">{t.attachments_title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.attachments_col_name}</th>
                                <th scope="col" class="num">{t.attachments_col_size}</th>
                                <th scope="col">{t.attachments_col_type}</th>
                                <th scope="col">{t.attachments_col_visibility}</th>
                                <th scope="col">{t.attachments_col_added}</th>
                                {with_actions.then(|| view! { <th scope="col">{t.attachments_col_actions}</th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {items.into_iter().map(|a| view! { <AttachmentRow id attachment=a with_actions/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {may_attach.then(|| view! {
            <form method="post" enctype="multipart/form-data" action=format!("/candidates/{id}/attachments")
                class="form attachment-upload">
                {errors.alert()}
                <div class="field">
                    <label for="attachment-file">{t.attachment_file}</label>
                    <p class="hint" id="file-hint">{t.attachment_file_hint(max_mb)}</p>
                    <input id="attachment-file" type="file" name="file" required accept=accept
                        aria-invalid=errors.invalid("file") aria-describedby=errors.described_by("file", true)/>
                    {errors.message("file")}
                </div>
                <fieldset aria-describedby=errors.described_by("visibility", false)>
                    <legend>{t.attachment_visibility}</legend>
                    {AttachmentVisibility::ALL.iter().map(|v| {
                        let radio = format!("attachment-visibility-{}", v.as_str());
                        view! {
                            <div class="radio">
                                <input type="radio" id=radio.clone() name="visibility" value=v.as_str()
                                    checked=*v == AttachmentVisibility::Municipality/>
                                <label for=radio>
                                    {v.label(t.locale)}
                                    <span class="hint">" — "{v.help(t.locale)}</span>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                    {errors.message("visibility")}
                </fieldset>
                <button type="submit" class="button">{t.attachment_upload}</button>
            </form>
        })}
    }
}

#[component]
fn AttachmentRow(id: i64, attachment: Attachment, with_actions: bool) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let a = attachment;
    let href = format!("/candidates/{id}/attachments/{}", a.id);
    // Other municipalities see when, never who.
    let by = match &a.uploaded_by {
        PersonRef::Withheld => None,
        person => Some(format!("{} · ", t.person(person))),
    };
    let delete_label = t.attachment_delete(&a.file_name);
    view! {
        <tr>
            <th scope="row"><a href=href download>{a.file_name.clone()}</a></th>
            <td class="num">{human_size(locale, a.size_bytes)}</td>
            <td>{kind_label(&a.content_type)}</td>
            <td>{a.visibility.label(t.locale)}</td>
            <td>{by}<time datetime=a.created_at.date().to_string()>{locale.moment(a.created_at)}</time></td>
            {with_actions.then(|| view! {
                <td>
                    {a.may_delete.then(|| view! {
                        <form method="post" action=format!("/candidates/{id}/attachments/{}/delete", a.id) class="inline">
                            <button type="submit" class="button" aria-label=delete_label>{t.admin_delete}</button>
                        </form>
                    })}
                </td>
            })}
        </tr>
    }
}
