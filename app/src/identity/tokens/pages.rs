//! The page `/me/tokens`: a person's API tokens, a form for a new one (shown once), and
//! revocation. Every part works as plain HTML forms without JavaScript.

use crate::common::error::AppError;
use crate::common::locale::use_locale;
use crate::identity::auth::pages::SignInPrompt;
use crate::identity::texts::use_texts;
use crate::identity::tokens::model::{NewToken, TokenScope, TokenState, TokenSummary, NAME_MAX};
use crate::identity::tokens::server_fns::{list_tokens, take_new_token, CreateToken, RevokeToken};
use crate::ui::form::FormErrors;
use crate::ui::page::ErrorView;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TokensPage() -> impl IntoView {
    let t = use_texts();
    // Created inside the route, so that with JavaScript off they pick up the error the server
    // put in the URL.
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    // The list reloads after a token is made or revoked; a refused form leaves it (and the
    // form with what was typed) alone.
    let created = Memo::new(move |_| create.value().get().and_then(Result::ok).flatten().map(|t| t.id));
    let tokens = Resource::new(move || (created.get(), revoke.version().get()), |_| list_tokens());
    // Filled only after a form posted without JavaScript (see `flash`).
    let flashed = Resource::new(|| (), |_| take_new_token());
    view! {
        <Title text=t.tokens_title/>
        <h1>{t.tokens_title}</h1>
        <p class="lead">{t.tokens_intro}</p>
        <Transition fallback=|| view! { <p class="loading" aria-busy="true">"…"</p> }>
            {move || Suspend::new(async move {
                match tokens.await {
                    Ok(list) => {
                        let flashed = flashed.await.ok().flatten();
                        view! {
                            <CreatedToken create flashed/>
                            <RevokeStatus revoke/>
                            <TokenTable list revoke/>
                            <CreateForm create/>
                        }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt next="/me/tokens"/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The new token, shown this once, from the hydrated page's answer or from the session.
#[component]
fn CreatedToken(create: ServerAction<CreateToken>, flashed: Option<NewToken>) -> impl IntoView {
    let t = use_texts();
    let shown = move || create.value().get().and_then(Result::ok).flatten().or_else(|| flashed.clone());
    move || {
        shown().map(|new| {
            view! {
                <section class="notice token-created" role="status" aria-labelledby="new-token-heading">
                    <h2 id="new-token-heading">{t.token_created(&new.name)}</h2>
                    <div class="field">
                        <label for="new-token">{t.token_label}</label>
                        <input id="new-token" type="text" class="token" readonly value=new.token
                            autocomplete="off" spellcheck="false" aria-describedby="new-token-hint"/>
                        <p class="hint" id="new-token-hint">{t.token_copy_hint}</p>
                    </div>
                </section>
            }
        })
    }
}

/// "Revoked", or why not: after the redirect (`?revoked=1`) or from the action's answer.
#[component]
fn RevokeStatus(revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let failed = move || revoke.value().get().and_then(Result::err);
    let done = move || query.read().get("revoked").is_some() && failed().is_none();
    view! {
        {move || done().then(|| view! { <p class="notice" role="status">{t.token_revoked}</p> })}
        {move || failed().map(|e| view! { <p class="error" role="alert">{t.error(&e)}</p> })}
    }
}

#[component]
fn TokenTable(list: Vec<TokenSummary>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let date = move |at: time::OffsetDateTime| locale.date(at.date());
    let maybe_date = move |at: Option<time::OffsetDateTime>| at.map(date).unwrap_or_else(|| t.tokens_never.to_owned());
    view! {
        <h2>{t.tokens_list_heading}</h2>
        {if list.is_empty() {
            view! { <p>{t.tokens_empty}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="tokens">
                        <caption class="visually-hidden">{t.tokens_list_heading}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.tokens_col_name}</th>
                                <th scope="col">{t.tokens_col_prefix}</th>
                                <th scope="col">{t.tokens_col_scope}</th>
                                <th scope="col">{t.tokens_col_state}</th>
                                <th scope="col">{t.tokens_col_created}</th>
                                <th scope="col">{t.tokens_col_last_used}</th>
                                <th scope="col">{t.tokens_col_expires}</th>
                                <th scope="col"><span class="visually-hidden">{t.tokens_col_actions}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|token| {
                                let state = match (token.state, token.revoked_at) {
                                    (TokenState::Revoked, Some(at)) => t.token_revoked_on(date(at)),
                                    (state, _) => state.label(t.locale).to_owned(),
                                };
                                let revocable = token.state != TokenState::Revoked;
                                let name = token.name.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{token.name}</th>
                                        <td><code>{token.prefix}"…"</code></td>
                                        <td>{token.scope.label(t.locale)}</td>
                                        <td>{state}</td>
                                        <td>{date(token.created_at)}</td>
                                        <td>{maybe_date(token.last_used_at)}</td>
                                        <td>{maybe_date(token.expires_at)}</td>
                                        <td>
                                            {revocable.then(|| view! {
                                                <ActionForm action=revoke attr:class="inline">
                                                    <input type="hidden" name="id" value=token.id.to_string()/>
                                                    <button type="submit" class="button">
                                                        {t.token_revoke}
                                                        <span class="visually-hidden">" "{name}</span>
                                                    </button>
                                                </ActionForm>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn CreateForm(create: ServerAction<CreateToken>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::new(Signal::derive(move || create.value().get().and_then(Result::err)));
    view! {
        <h2>{t.tokens_new_heading}</h2>
        <p>{t.tokens_usage}" "<code>"Authorization: Bearer apt_…"</code></p>
        <ActionForm action=create attr:class="form">
            {errors.alert()}
            <div class="field">
                <label for="name">{t.token_field_name}</label>
                <p class="hint" id="name-hint">{t.token_field_name_hint}</p>
                <input id="name" name="form[name]" type="text" required maxlength=NAME_MAX autocomplete="off"
                    aria-invalid=errors.invalid("name")
                    aria-describedby=errors.described_by("name", true)/>
                {errors.message("name")}
            </div>
            <fieldset class="field">
                <legend>{t.token_field_scope}</legend>
                {TokenScope::ALL.iter().map(|scope| {
                    let id = format!("scope-{}", scope.as_str());
                    view! {
                        <div class="radio">
                            <input type="radio" id=id.clone() name="form[scope]" value=scope.as_str()
                                checked=*scope == TokenScope::Read/>
                            <label for=id>
                                {scope.label(t.locale)}
                                <span class="hint">" — "{scope.help(t.locale)}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
                {errors.message("scope")}
            </fieldset>
            <div class="field">
                <label for="expires_in_days">{t.token_field_expiry}</label>
                <p class="hint" id="expires_in_days-hint">{t.token_field_expiry_hint}</p>
                <input id="expires_in_days" name="form[expires_in_days]" type="text" inputmode="numeric"
                    autocomplete="off"
                    aria-invalid=errors.invalid("expires_in_days")
                    aria-describedby=errors.described_by("expires_in_days", true)/>
                {errors.message("expires_in_days")}
            </div>
            <button type="submit" class="button primary" disabled=move || create.pending().get()>
                {t.token_create}
            </button>
        </ActionForm>
    }
}
