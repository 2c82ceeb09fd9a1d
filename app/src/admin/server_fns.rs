//! Server functions of the admin pages. Each one reads the caller from the session, calls the
//! service, and on success sends the browser on (so the pages work without JavaScript too).

use crate::admin::model::{
    ConsortiumAdmin, ConsortiumRoleForm, DepartmentForm, DepartmentsAdmin, ImportForm, ImportReport, MunicipalityForm,
    MunicipalitySettings, SettingsForm, UserAdmin, UserForm, UsersAdmin,
};
use crate::common::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
const IMPORT_REPORT_KEY: &str = "admin.import_report";
/// Rows of an import report kept for the page that shows it (the rest are counted).
#[cfg(feature = "ssr")]
const REPORT_ROWS_KEPT: usize = 500;

#[server(prefix = "/fn", endpoint = "admin/departments", input = GetUrl)]
pub async fn get_departments_admin() -> Result<DepartmentsAdmin, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::admin::service::departments(&ctx.db, ctx.actor.as_ref()).await)
}

#[server(prefix = "/fn", endpoint = "admin/departments/add")]
pub async fn add_department(form: DepartmentForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::admin::service::create_department(&ctx.db, ctx.actor.as_ref(), &form).await,
    )?;
    leptos_axum::redirect("/admin/departments?saved=1");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin/departments/change")]
pub async fn change_department(id: i64, form: DepartmentForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::admin::service::update_department(&ctx.db, ctx.actor.as_ref(), id, &form).await,
    )?;
    leptos_axum::redirect("/admin/departments?saved=1");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin/departments/delete")]
pub async fn delete_department(id: i64) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::admin::service::delete_department(&ctx.db, ctx.actor.as_ref(), id).await)?;
    leptos_axum::redirect("/admin/departments?deleted=1");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin/users", input = GetUrl)]
pub async fn get_users_admin() -> Result<UsersAdmin, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::admin::service::users(&ctx.db, ctx.actor.as_ref()).await)
}

#[server(prefix = "/fn", endpoint = "admin/user", input = GetUrl)]
pub async fn get_user_admin(id: i64) -> Result<UserAdmin, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::admin::service::user(&ctx.db, ctx.actor.as_ref(), id).await)
}

#[server(prefix = "/fn", endpoint = "admin/users/add")]
pub async fn add_user(form: UserForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    let id =
        crate::identity::request::reply(crate::admin::service::create_user(&ctx.db, ctx.actor.as_ref(), &form).await)?;
    leptos_axum::redirect(&format!("/admin/users/{id}?created=1"));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin/users/change")]
pub async fn change_user(id: i64, form: UserForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::admin::service::update_user(&ctx.db, ctx.actor.as_ref(), id, &form).await)?;
    leptos_axum::redirect(&format!("/admin/users/{id}?saved=1"));
    Ok(())
}

/// Erases a person; `confirm` is the ticked "I understand" box.
#[server(prefix = "/fn", endpoint = "admin/users/erase")]
pub async fn erase_user(id: i64, confirm: Option<String>) -> Result<(), AppError> {
    use crate::common::error::Invalid;
    let ctx = crate::identity::request::ctx().await?;
    if confirm.is_none() {
        return crate::identity::request::reply(Err(AppError::invalid("confirm", Invalid::Required)));
    }
    crate::identity::request::reply(crate::admin::service::erase_user(&ctx.db, ctx.actor.as_ref(), id).await)?;
    leptos_axum::redirect("/admin/users?erased=1");
    Ok(())
}

/// Checks or imports a CSV file. The report waits in the session for the page the browser is
/// sent to, so it reaches people without JavaScript as well.
#[server(prefix = "/fn", endpoint = "admin/import")]
pub async fn import_csv(form: ImportForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    let mut report =
        crate::identity::request::reply(crate::admin::import::import(&ctx.db, ctx.actor.as_ref(), &form).await)?;
    if report.rows.len() > REPORT_ROWS_KEPT {
        // Problems first, so that they are what the page shows.
        report.rows.sort_by_key(|r| (r.outcome != crate::admin::model::RowOutcome::Invalid, r.line));
        report.omitted_rows = report.rows.len() - REPORT_ROWS_KEPT;
        report.rows.truncate(REPORT_ROWS_KEPT);
        report.rows.sort_by_key(|r| r.line);
    }
    let actor = ctx.actor.as_ref().ok_or(AppError::Unauthenticated)?;
    let now = time::OffsetDateTime::now_utc();
    crate::identity::request::reply(
        crate::flash::put(&ctx.auth.session, IMPORT_REPORT_KEY, actor.user_id, report, now).await,
    )?;
    leptos_axum::redirect("/admin/import?report=1");
    Ok(())
}

/// The report of the caller's last import or check, once. A POST, because it changes the
/// session.
#[server(prefix = "/fn", endpoint = "admin/import/report")]
pub async fn take_import_report() -> Result<Option<ImportReport>, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    let actor = crate::identity::request::reply(crate::admin::service::admin(ctx.actor.as_ref()))?;
    let now = time::OffsetDateTime::now_utc();
    crate::identity::request::reply(crate::flash::take(&ctx.auth.session, IMPORT_REPORT_KEY, actor.user_id, now).await)
}

#[server(prefix = "/fn", endpoint = "admin/consortium", input = GetUrl)]
pub async fn get_consortium_admin() -> Result<ConsortiumAdmin, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::admin::service::consortium(&ctx.db, ctx.actor.as_ref()).await)
}

#[server(prefix = "/fn", endpoint = "admin/consortium/add-member")]
pub async fn add_member(form: MunicipalityForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::admin::service::add_municipality(&ctx.db, ctx.actor.as_ref(), &form).await)?;
    leptos_axum::redirect("/admin/consortium?saved=1");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin/consortium/grant")]
pub async fn grant_consortium_role(form: ConsortiumRoleForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::admin::service::grant_consortium_role(&ctx.db, ctx.actor.as_ref(), &form).await,
    )?;
    leptos_axum::redirect("/admin/consortium?saved=1");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin/consortium/revoke")]
pub async fn revoke_consortium_role(user_id: i64, role: String) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::admin::service::revoke_consortium_role(&ctx.db, ctx.actor.as_ref(), user_id, &role).await,
    )?;
    leptos_axum::redirect("/admin/consortium?saved=1");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin/settings", input = GetUrl)]
pub async fn get_municipality_settings() -> Result<MunicipalitySettings, AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(crate::admin::service::settings(&ctx.db, ctx.actor.as_ref()).await)
}

#[server(prefix = "/fn", endpoint = "admin/settings/save")]
pub async fn save_municipality_settings(form: SettingsForm) -> Result<(), AppError> {
    let ctx = crate::identity::request::ctx().await?;
    crate::identity::request::reply(
        crate::admin::service::save_settings(&ctx.db, ctx.actor.as_ref(), &form, ctx.locale).await,
    )?;
    leptos_axum::redirect("/admin/settings?saved=1");
    Ok(())
}
