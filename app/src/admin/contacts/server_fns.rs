//! Server functions of the contact erasure page: read the caller, call the service, and on
//! success send the browser on (the page works without JavaScript too).

use crate::admin::contacts::model::{ContactSearch, EraseForm};
use crate::common::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/fn", endpoint = "admin/contacts", input = GetUrl)]
pub async fn search_contacts(query: String) -> Result<ContactSearch, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    let matches = crate::identity::request::reply(
        crate::admin::contacts::service::find(&ctx.db, &ctx.state.keys, ctx.actor.as_ref(), &query).await,
    )?;
    Ok(ContactSearch { query: query.trim().to_owned(), matches })
}

#[server(prefix = "/fn", endpoint = "admin/contacts/erase")]
pub async fn erase_contacts(form: EraseForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    let erased = crate::identity::request::reply(
        crate::admin::contacts::service::erase_chosen(&ctx.db, &ctx.state.keys, ctx.actor.as_ref(), &form).await,
    )?;
    leptos_axum::redirect(&format!("/admin/contacts?erased={erased}"));
    Ok(())
}
