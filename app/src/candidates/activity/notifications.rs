//! What happened on the candidates a person follows, and the header link that counts it.

use crate::candidates::model::{Notification, NotificationKind, Phase, Status};
use crate::candidates::server_fns::{
    get_mail_wanted, get_notifications, get_unread_notifications, MarkNotificationsRead, SaveMailWanted,
};
use crate::candidates::texts::{use_texts, Texts};
use crate::common::locale::use_locale;
use crate::identity::auth::pages::signed_in;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};

/// "Notifications (2 unread)" for signed-in people; nothing for visitors.
#[component]
pub fn NotificationsLink() -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    let unread = Resource::new(move || location.pathname.get(), |_| get_unread_notifications());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                unread.await.ok().flatten().map(|n| view! {
                    <li>
                        <A href="/notifications">
                            {t.nav_notifications}
                            {(n > 0).then(|| view! { " "<span class="count">{t.notifications_unread(n)}</span> })}
                        </A>
                    </li>
                })
            })}
        </Transition>
    }
}

/// What happened, as the list (and the e-mail) says it.
pub fn describe(t: &Texts, n: &Notification) -> String {
    let who = t.person(&n.actor);
    let detail = n.detail.clone().unwrap_or_default();
    match n.kind {
        NotificationKind::Comment => t.notification_commented(&who),
        NotificationKind::Phase => {
            t.notification_phase(&who, Phase::parse(&detail).map(|p| p.label(t.locale)).unwrap_or(&detail))
        }
        NotificationKind::Status => {
            t.notification_status(&who, Status::parse(&detail).map(|s| s.label(t.locale)).unwrap_or(&detail))
        }
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(move || mark.version().get(), |_| get_notifications());
    view! {
        <Title text=t.notifications_title/>
        <h1>{t.notifications_title}</h1>
        {signed_in(list, "/notifications".into(), move |list: Vec<Notification>| {
            let newest = list.first().map(|n| n.id);
            let any_unread = list.iter().any(|n| n.unread);
            view! {
                {list.is_empty().then(|| view! { <p>{t.notifications_empty}</p> })}
                {(any_unread).then(|| view! {
                    <ActionForm action=mark attr:class="inline">
                        <input type="hidden" name="up_to" value=newest.unwrap_or_default().to_string()/>
                        <button type="submit" class="button">{t.notifications_mark_read}</button>
                    </ActionForm>
                })}
                <ul class="notifications">
                    {list.into_iter().map(|n| {
                        let text = describe(t, &n);
                        let comment = (n.kind == NotificationKind::Comment).then(|| n.detail.clone()).flatten();
                        view! {
                            <li class:unread=n.unread>
                                {n.unread.then(|| view! { <span class="badge">{t.notification_new}</span>" " })}
                                <A href=format!("/candidates/{}", n.candidate_id)>{n.candidate_title.clone()}</A>
                                ": "{text}" · "
                                <time datetime=n.at.date().to_string()>{locale.moment(n.at)}</time>
                                {comment.map(|c| view! { <blockquote>{c}</blockquote> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })}
        <MailChoice/>
    }
}

/// "E-mail me about followed candidates": one checkbox and a save button; a plain form post
/// without JavaScript. Shown only to signed-in people (the list above asks the others to sign in).
#[component]
fn MailChoice() -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveMailWanted>::new();
    let wanted = Resource::new(move || save.version().get(), |_| get_mail_wanted());
    let query = use_query_map();
    // After a save the server sends the browser here with ?mail=saved (with or without wasm).
    let saved = move || query.read().get("mail").is_some() && !matches!(save.value().get(), Some(Err(_)));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                wanted.await.ok().map(|wanted| view! {
                    <section class="mail-choice" aria-labelledby="mail-choice-title">
                        <h2 id="mail-choice-title">{t.mail_settings_title}</h2>
                        <ActionForm action=save attr:class="form">
                            {move || saved().then(|| view! { <p class="notice" role="status">{t.mail_saved}</p> })}
                            <div class="field checkbox">
                                <input id="email_me" name="email_me" type="checkbox" value="on" checked=wanted
                                    aria-describedby="email_me-hint"/>
                                <label for="email_me">{t.mail_opt_in}</label>
                            </div>
                            <p class="hint" id="email_me-hint">{t.mail_opt_in_hint}</p>
                            <button type="submit" class="button">{t.mail_save}</button>
                        </ActionForm>
                    </section>
                })
            })}
        </Suspense>
    }
}
