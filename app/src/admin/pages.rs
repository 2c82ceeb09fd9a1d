//! The admin pages: people, departments, CSV import (single sign-on lives in `sso::pages`).
//! Every form is a plain HTML form that the hydrated page enhances.

use crate::admin::model::{
    ConsortiumAdmin, Department, DepartmentsAdmin, FileProblem, ImportKind, ImportReport, MunicipalitySettings,
    RowOutcome, UserAdmin, UserSummary, UsersAdmin,
};
use crate::admin::server_fns::{
    get_consortium_admin, get_departments_admin, get_municipality_settings, get_user_admin, get_users_admin,
    take_import_report, AddDepartment, AddMember, AddUser, ChangeDepartment, ChangeUser, DeleteDepartment, EraseUser,
    GrantConsortiumRole, ImportCsv, RevokeConsortiumRole, SaveMunicipalitySettings,
};
use crate::admin::texts::use_texts;
use crate::common::locale::use_locale;
use crate::identity::auth::pages::signed_in;
use crate::identity::auth::server_fns::get_current_user;
use crate::identity::model::Role;
use crate::ui::form::{FormErrors, InputField};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

/// The admin area's own navigation: the municipality's pages for its admins, the consortium's
/// for consortium admins.
#[component]
pub fn AdminNav() -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    let me = Resource::new(|| (), |_| get_current_user());
    let links = move |roles: Vec<Role>| {
        let mut links = Vec::new();
        if roles.contains(&Role::MunicipalityAdmin) {
            links.extend([
                ("/admin/users", t.admin_people),
                ("/admin/departments", t.admin_departments),
                ("/admin/import", t.admin_import),
                ("/admin/contacts", t.admin_contacts),
                ("/admin/settings", t.admin_settings),
                ("/admin/sso", t.nav_sso),
            ]);
        }
        if roles.contains(&Role::ConsortiumAdmin) {
            links.push(("/admin/consortium", t.admin_consortium));
        }
        links
    };
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let roles = me.await.ok().flatten().map(|me| me.roles).unwrap_or_default();
                let links = links(roles);
                (!links.is_empty()).then(|| view! {
                    <nav class="admin-nav" aria-label=t.nav_admin>
                        <ul>
                            {links.into_iter().map(|(href, label)| {
                                let current = move || location.pathname.get().starts_with(href).then_some("page");
                                view! { <li><a href=href aria-current=current>{label}</a></li> }
                            }).collect_view()}
                        </ul>
                    </nav>
                })
            })}
        </Suspense>
    }
}

fn flag(name: &'static str) -> impl Fn() -> bool + Copy + Send + Sync {
    let query = use_query_map();
    move || query.read().get(name).is_some()
}

/// `<option>`s for choosing a parent department, indented by depth; `except` and its subtree
/// are left out (a department cannot move below itself).
fn department_options(departments: &[Department], selected: Option<i64>, except: Option<i64>) -> impl IntoView {
    let mut skip_below: Option<usize> = None;
    let mut options = Vec::new();
    for d in departments {
        if let Some(depth) = skip_below {
            if d.depth > depth {
                continue;
            }
            skip_below = None;
        }
        if Some(d.id) == except {
            skip_below = Some(d.depth);
            continue;
        }
        let label = format!("{}{}", "\u{2014} ".repeat(d.depth), d.name);
        options.push(view! { <option value=d.id.to_string() selected=selected == Some(d.id)>{label}</option> });
    }
    options
}

fn role_name(role: Role) -> &'static str {
    role.label(use_texts().locale)
}

// ---- departments ---------------------------------------------------------------------------

#[component]
pub fn DepartmentsAdminPage() -> impl IntoView {
    let t = use_texts();
    // Actions live with the page so that the data reloads after each one (the hydrated page
    // stays mounted when the server sends it back to the same address).
    let add = ServerAction::<AddDepartment>::new();
    let data = Resource::new(move || add.version().get(), |_| get_departments_admin());
    view! {
        <Title text=t.admin_departments/>
        <h1>{t.admin_departments}</h1>
        <AdminNav/>
        {signed_in(data, "/admin/departments".into(), move |data| view! { <Departments data action=add/> })}
    }
}

/// The tree as nested lists, so that screen readers announce the levels.
fn tree(departments: &[Department], parent: Option<i64>) -> AnyView {
    let t = use_texts();
    let children: Vec<&Department> = departments.iter().filter(|d| d.parent_id == parent).collect();
    if children.is_empty() {
        return ().into_any();
    }
    view! {
        <ul class="tree">
            {children.into_iter().map(|d| view! {
                <li>
                    <a href=format!("/admin/departments/{}", d.id)>{d.name.clone()}</a>
                    " "<span class="muted">{t.admin_candidate_count(d.candidates)}</span>
                    {tree(departments, Some(d.id))}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Departments(data: DepartmentsAdmin, action: ServerAction<AddDepartment>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    let saved = flag("saved");
    let deleted = flag("deleted");
    view! {
        <p class="lead">{t.admin_departments_intro(&data.municipality)}</p>
        {move || saved().then(|| view! { <p class="notice" role="status">{t.admin_saved}</p> })}
        {move || deleted().then(|| view! { <p class="notice" role="status">{t.admin_deleted}</p> })}
        <section aria-labelledby="tree-heading">
            <h2 id="tree-heading">{t.admin_department_tree}</h2>
            {if data.departments.is_empty() {
                view! { <p>{t.admin_no_departments}</p> }.into_any()
            } else {
                tree(&data.departments, None)
            }}
        </section>
        <section aria-labelledby="add-heading">
            <h2 id="add-heading">{t.admin_add_department}</h2>
            <ActionForm action attr:class="form">
                {errors.alert()}
                <DepartmentFields errors departments=data.departments.clone() name=String::new() parent=None except=None/>
                <button type="submit" class="button primary">{t.admin_add}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DepartmentFields(
    errors: FormErrors,
    departments: Vec<Department>,
    name: String,
    parent: Option<i64>,
    except: Option<i64>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <InputField errors field="name" name="form[name]" label=t.admin_department_name
            hint=t.admin_department_name_hint value=name required=true maxlength=100/>
        <div class="field">
            <label for="parent_id">{t.admin_department_parent}</label>
            <select id="parent_id" name="form[parent_id]"
                aria-invalid=errors.invalid("parent_id") aria-describedby=errors.described_by("parent_id", false)>
                <option value="" selected=parent.is_none()>{t.admin_top_level}</option>
                {department_options(&departments, parent, except)}
            </select>
            {errors.message("parent_id")}
        </div>
    }
}

#[component]
pub fn DepartmentEditPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(-1);
    let data = Resource::new(|| (), |_| get_departments_admin());
    view! {
        <Title text=t.admin_change_department/>
        <h1>{t.admin_change_department}</h1>
        <AdminNav/>
        {signed_in(data, "/admin/departments".into(), move |data| {
            let id = id();
            match data.departments.iter().find(|d| d.id == id).cloned() {
                Some(department) => view! { <DepartmentEdit department departments=data.departments/> }.into_any(),
                None => view! { <crate::ui::page::ErrorView error=crate::common::error::AppError::NotFound/> }.into_any(),
            }
        })}
    }
}

#[component]
fn DepartmentEdit(department: Department, departments: Vec<Department>) -> impl IntoView {
    let t = use_texts();
    let change = ServerAction::<ChangeDepartment>::new();
    let delete = ServerAction::<DeleteDepartment>::new();
    let errors = FormErrors::new(Signal::derive(move || change.value().get().and_then(|r| r.err())));
    let delete_errors = FormErrors::new(Signal::derive(move || delete.value().get().and_then(|r| r.err())));
    let empty = department.children == 0 && department.candidates == 0;
    view! {
        <ActionForm action=change attr:class="form">
            {errors.alert()}
            <input type="hidden" name="id" value=department.id.to_string()/>
            <DepartmentFields errors departments=departments.clone() name=department.name.clone()
                parent=department.parent_id except=Some(department.id)/>
            <button type="submit" class="button primary">{t.admin_save}</button>
        </ActionForm>
        <section aria-labelledby="delete-heading">
            <h2 id="delete-heading">{t.admin_delete_department}</h2>
            {if empty {
                view! {
                    <ActionForm action=delete attr:class="form">
                        {delete_errors.alert()}
                        {delete_errors.message("department")}
                        <input type="hidden" name="id" value=department.id.to_string()/>
                        <button type="submit" class="button danger">{t.admin_delete}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! { <p>{t.admin_department_in_use}</p> }.into_any()
            }}
        </section>
        <p><a href="/admin/departments">{t.admin_back_to_departments}</a></p>
    }
}

// ---- settings ------------------------------------------------------------------------------

#[component]
pub fn SettingsAdminPage() -> impl IntoView {
    let t = use_texts();
    // With the page, so that without JavaScript it picks up the error the server put in the
    // URL, and the hydrated page reloads the settings after a save.
    let save = ServerAction::<SaveMunicipalitySettings>::new();
    let data = Resource::new(move || save.version().get(), |_| get_municipality_settings());
    view! {
        <Title text=t.admin_settings/>
        <h1>{t.admin_settings}</h1>
        <AdminNav/>
        {signed_in(data, "/admin/settings".into(), move |data| view! { <Settings data action=save/> })}
    }
}

#[component]
fn Settings(data: MunicipalitySettings, action: ServerAction<SaveMunicipalitySettings>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    let saved = flag("saved");
    let (time, money) = (data.working_time, data.economics);
    view! {
        <p class="lead">{t.admin_settings_intro(&data.municipality)}</p>
        {move || saved().then(|| view! { <p class="notice" role="status">{t.admin_saved}</p> })}
        <ActionForm action attr:class="form">
            {errors.alert()}
            <fieldset>
                <legend>{t.settings_working_time}</legend>
                <InputField errors field="working_days_per_year" name="form[working_days_per_year]"
                    label=t.settings_working_days hint=t.settings_working_days_hint
                    value=locale.editable(time.working_days_per_year) required=true/>
                <InputField errors field="hours_per_day" name="form[hours_per_day]"
                    label=t.settings_hours_per_day hint=t.settings_hours_per_day_hint
                    value=locale.editable(time.hours_per_day) required=true/>
            </fieldset>
            <fieldset>
                <legend>{t.settings_money}</legend>
                <InputField errors field="loaded_hourly_rate" name="form[loaded_hourly_rate]"
                    label=t.settings_hourly_rate hint=t.settings_hourly_rate_hint
                    value=locale.editable(money.loaded_hourly_rate) required=true/>
                <InputField errors field="currency" name="form[currency]"
                    label=t.settings_currency hint=t.settings_currency_hint
                    value=money.currency.clone() required=true maxlength=3/>
                <InputField errors field="discount_rate_pct" name="form[discount_rate_pct]"
                    label=t.settings_discount_rate hint=t.settings_discount_rate_hint
                    value=locale.editable(money.discount_rate_pct) required=true/>
                <InputField errors field="years" name="form[years]"
                    label=t.settings_years hint=t.settings_years_hint
                    value=money.years.to_string() required=true/>
            </fieldset>
            <button type="submit" class="button primary">{t.admin_save}</button>
        </ActionForm>
    }
}

// ---- people --------------------------------------------------------------------------------

#[component]
pub fn UsersAdminPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| get_users_admin());
    view! {
        <Title text=t.admin_people/>
        <h1>{t.admin_people}</h1>
        <AdminNav/>
        {signed_in(data, "/admin/users".into(), |data| view! { <Users data/> })}
    }
}

fn department_names(departments: &[Department], ids: &[i64]) -> String {
    ids.iter()
        .filter_map(|id| departments.iter().find(|d| d.id == *id))
        .map(|d| d.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn Users(data: UsersAdmin) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<AddUser>::new();
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    let erased = flag("erased");
    let departments = data.departments.clone();
    view! {
        <p class="lead">{t.admin_people_intro(&data.municipality)}</p>
        {move || erased().then(|| view! { <p class="notice" role="status">{t.admin_erased}</p> })}
        <table class="table">
            <caption>{t.admin_people_count(data.users.len())}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.admin_display_name}</th>
                    <th scope="col">{t.login_email}</th>
                    <th scope="col">{t.admin_roles}</th>
                    <th scope="col">{t.admin_limited_to}</th>
                    <th scope="col">{t.admin_sign_in}</th>
                </tr>
            </thead>
            <tbody>
                {data.users.into_iter().map(|u| {
                    let roles = u.roles.iter().map(|r| role_name(*r)).collect::<Vec<_>>().join(", ");
                    let sign_in = match (u.has_password, u.has_sso) {
                        (true, true) => format!("{}, {}", t.admin_password, t.nav_sso),
                        (true, false) => t.admin_password.to_owned(),
                        (false, true) => t.nav_sso.to_owned(),
                        (false, false) => t.admin_no_sign_in_yet.to_owned(),
                    };
                    let limited = if u.limited_to.is_empty() { String::new() } else { department_names(&departments, &u.limited_to) };
                    view! {
                        <tr>
                            <td><a href=format!("/admin/users/{}", u.id)>{u.display_name}</a></td>
                            <td>{u.email}</td>
                            <td>{roles}</td>
                            <td>{limited}</td>
                            <td>{sign_in}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <section aria-labelledby="add-person">
            <h2 id="add-person">{t.admin_add_person}</h2>
            <ActionForm action attr:class="form">
                {errors.alert()}
                <InputField errors field="email" name="form[email]" label=t.login_email kind="email" required=true/>
                <PersonFields errors person=None departments=data.departments grantable=data.grantable/>
                <button type="submit" class="button primary">{t.admin_add}</button>
            </ActionForm>
        </section>
    }
}

/// Name, roles, department limits and password: the same for adding and changing a person.
#[component]
fn PersonFields(
    errors: FormErrors,
    person: Option<UserSummary>,
    departments: Vec<Department>,
    grantable: Vec<Role>,
) -> impl IntoView {
    let t = use_texts();
    let adding = person.is_none();
    let roles = person.as_ref().map_or(vec![Role::Reporter], |p| p.roles.clone());
    let limited_to = person.as_ref().map(|p| p.limited_to.clone()).unwrap_or_default();
    let kept: Vec<Role> = roles.iter().copied().filter(|r| !grantable.contains(r)).collect();
    view! {
        <InputField errors field="display_name" name="form[display_name]" label=t.admin_display_name
            value=person.as_ref().map(|p| p.display_name.clone()).unwrap_or_default() required=true maxlength=100/>
        <fieldset class="field" aria-describedby=errors.described_by("roles", true)>
            <legend>{t.admin_roles}</legend>
            <p class="hint" id="roles-hint">{t.admin_roles_hint}</p>
            {grantable.iter().map(|role| {
                let id = format!("role-{}", role.as_str());
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=id.clone() name="form[roles][]" value=role.as_str()
                            checked=roles.contains(role)/>
                        <label for=id>{role_name(*role)}</label>
                    </div>
                }
            }).collect_view()}
            {(!kept.is_empty()).then(|| view! {
                <p>{t.admin_roles_kept}" "{kept.iter().map(|r| role_name(*r)).collect::<Vec<_>>().join(", ")}</p>
            })}
            {errors.message("roles")}
        </fieldset>
        {(!departments.is_empty()).then(|| view! {
            <fieldset class="field" aria-describedby=errors.described_by("departments", true)>
                <legend>{t.admin_limited_to}</legend>
                <p class="hint" id="departments-hint">{t.admin_limited_to_hint}</p>
                {departments.iter().map(|d| {
                    let id = format!("limit-{}", d.id);
                    let label = format!("{}{}", "\u{2014} ".repeat(d.depth), d.name);
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=id.clone() name="form[departments][]" value=d.id.to_string()
                                checked=limited_to.contains(&d.id)/>
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
                {errors.message("departments")}
            </fieldset>
        })}
        <InputField errors field="password" name="form[password]" kind="password" autocomplete="new-password"
            label=if adding { t.admin_password_initial } else { t.admin_password_new }
            hint=if adding { t.admin_password_initial_hint } else { t.admin_password_new_hint }/>
    }
}

#[component]
pub fn UserEditPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(-1);
    let change = ServerAction::<ChangeUser>::new();
    let erase = ServerAction::<EraseUser>::new();
    let data = Resource::new(move || (id(), change.version().get()), |(id, _)| get_user_admin(id));
    view! {
        <Title text=t.admin_change_person/>
        <h1>{t.admin_change_person}</h1>
        <AdminNav/>
        {signed_in(data, "/admin/users".into(), move |data| view! { <UserEdit data change erase/> })}
    }
}

#[component]
fn UserEdit(data: UserAdmin, change: ServerAction<ChangeUser>, erase: ServerAction<EraseUser>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::new(Signal::derive(move || change.value().get().and_then(|r| r.err())));
    let erase_errors = FormErrors::new(Signal::derive(move || erase.value().get().and_then(|r| r.err())));
    let saved = flag("saved");
    let created = flag("created");
    let user = data.user.clone();
    let erase_label = t.admin_erase_confirm(&user.display_name);
    let (id, email) = (user.id.to_string(), user.email.clone());
    let erase_id = id.clone();
    view! {
        {move || created().then(|| view! { <p class="notice" role="status">{t.admin_person_added}</p> })}
        {move || (saved() && change.value().get().is_none_or(|r| r.is_ok()))
            .then(|| view! { <p class="notice" role="status">{t.admin_saved}</p> })}
        <p>{t.login_email}": "<strong>{email}</strong></p>
        <ActionForm action=change attr:class="form">
            {errors.alert()}
            <input type="hidden" name="id" value=id/>
            <PersonFields errors person=Some(user) departments=data.departments grantable=data.grantable/>
            <button type="submit" class="button primary">{t.admin_save}</button>
        </ActionForm>
        {data.may_erase.then(|| view! {
            <section aria-labelledby="erase-heading" class="danger-zone">
                <h2 id="erase-heading">{t.admin_erase_person}</h2>
                <p>{t.admin_erase_explained}</p>
                <ActionForm action=erase attr:class="form">
                    {erase_errors.alert()}
                    <input type="hidden" name="id" value=erase_id/>
                    <div class="field checkbox">
                        <input id="confirm" name="confirm" type="checkbox" value="yes" required
                            aria-invalid=erase_errors.invalid("confirm")
                            aria-describedby=erase_errors.described_by("confirm", false)/>
                        <label for="confirm">{erase_label}</label>
                        {erase_errors.message("confirm")}
                    </div>
                    <button type="submit" class="button danger">{t.admin_erase}</button>
                </ActionForm>
            </section>
        })}
        <p><a href="/admin/users">{t.admin_back_to_people}</a></p>
    }
}

// ---- CSV import ----------------------------------------------------------------------------

#[component]
pub fn ImportPage() -> impl IntoView {
    let t = use_texts();
    // The server function keeps the report in the session and sends the browser here; the page
    // takes it once: when it loads (JavaScript off), or after each run of the action (on). Only
    // the action's runs may trigger the take, or a second fetch would find the report gone.
    let action = ServerAction::<ImportCsv>::new();
    let report = Resource::new(move || action.version().get(), |_| take_import_report());
    view! {
        <Title text=t.admin_import/>
        <h1>{t.admin_import}</h1>
        <AdminNav/>
        {signed_in(report, "/admin/import".into(), move |report| view! { <Import report action/> })}
    }
}

#[component]
fn Import(report: Option<ImportReport>, action: ServerAction<ImportCsv>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::new(Signal::derive(move || action.value().get().and_then(|r| r.err())));
    let kind = report.as_ref().map_or(ImportKind::Users, |r| r.kind);
    view! {
        <p class="lead">{t.admin_import_intro}</p>
        {report.map(|report| view! { <ImportReportView report/> })}
        <ActionForm action attr:class="form">
            {errors.alert()}
            <fieldset class="field">
                <legend>{t.admin_import_kind}</legend>
                {[(ImportKind::Users, t.admin_import_users, t.admin_import_users_hint),
                  (ImportKind::Departments, t.admin_import_departments, t.admin_import_departments_hint)]
                    .into_iter().map(|(k, label, hint)| {
                        let id = format!("kind-{}", k.as_str());
                        let hint_id = format!("{id}-hint");
                        view! {
                            <div class="radio">
                                <input type="radio" id=id.clone() name="form[kind]" value=k.as_str() checked=k == kind
                                    aria-describedby=hint_id.clone()/>
                                <label for=id>{label}</label>
                                <p class="hint" id=hint_id><code>{hint}</code></p>
                            </div>
                        }
                    }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="csv">{t.admin_import_csv}</label>
                <p class="hint" id="csv-hint">{t.admin_import_csv_hint}</p>
                <textarea id="csv" name="form[csv]" rows="12" required spellcheck="false"
                    aria-invalid=errors.invalid("csv") aria-describedby=errors.described_by("csv", true)></textarea>
                {errors.message("csv")}
            </div>
            <p class="actions">
                <button type="submit" class="button">{t.admin_import_check}</button>
                " "
                <button type="submit" class="button primary" name="form[commit]" value="1">{t.admin_import_commit}</button>
            </p>
        </ActionForm>
    }
}

#[component]
fn ImportReportView(report: ImportReport) -> impl IntoView {
    let t = use_texts();
    let summary = if !report.problems.is_empty() || report.has_errors() {
        t.admin_import_failed.to_owned()
    } else if report.committed {
        t.admin_import_done(report.count(RowOutcome::Create), report.count(RowOutcome::Update))
    } else {
        t.admin_import_checked(report.count(RowOutcome::Create), report.count(RowOutcome::Update))
    };
    let failed = report.has_errors();
    view! {
        <section aria-labelledby="report-heading" class="import-report">
            <h2 id="report-heading">{t.admin_import_report}</h2>
            <p class=if failed { "error" } else { "notice" } role=if failed { "alert" } else { "status" }>{summary}</p>
            <ul>
                {report.problems.iter().map(|p| view! { <li>{match p {
                    FileProblem::Empty => t.admin_import_empty.to_owned(),
                    FileProblem::Unreadable { line } => t.admin_import_unreadable(*line),
                    FileProblem::MissingColumn(column) => t.admin_import_missing_column(column),
                    FileProblem::TooManyRows { max } => t.admin_import_too_many_rows(*max),
                }}</li> }).collect_view()}
            </ul>
            {(!report.rows.is_empty()).then(|| view! {
                <table class="table">
                    <caption>{t.admin_import_rows}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.admin_import_line}</th>
                            <th scope="col">{t.admin_import_row}</th>
                            <th scope="col">{t.admin_import_outcome}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report.rows.iter().map(|row| {
                            let outcome = match row.outcome {
                                RowOutcome::Create => t.admin_outcome_create.to_owned(),
                                RowOutcome::Update => t.admin_outcome_update.to_owned(),
                                RowOutcome::Unchanged => t.admin_outcome_unchanged.to_owned(),
                                RowOutcome::Invalid => row.errors.iter()
                                    .map(|e| format!("{}: {}", e.field, t.invalid(e.problem)))
                                    .collect::<Vec<_>>().join("; "),
                            };
                            view! {
                                <tr class=(row.outcome == RowOutcome::Invalid).then_some("invalid")>
                                    <td>{row.line}</td>
                                    <td>{row.label.clone()}</td>
                                    <td>{outcome}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(report.omitted_rows > 0).then(|| view! { <p>{t.admin_import_omitted(report.omitted_rows)}</p> })}
        </section>
    }
}

// ---- the consortium ------------------------------------------------------------------------

#[component]
pub fn ConsortiumAdminPage() -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddMember>::new();
    let grant = ServerAction::<GrantConsortiumRole>::new();
    let revoke = ServerAction::<RevokeConsortiumRole>::new();
    let data = Resource::new(
        move || (add.version().get(), grant.version().get(), revoke.version().get()),
        |_| get_consortium_admin(),
    );
    view! {
        <Title text=t.admin_consortium/>
        <h1>{t.admin_consortium}</h1>
        <AdminNav/>
        {signed_in(data, "/admin/consortium".into(), move |data| view! { <Consortium data add grant revoke/> })}
    }
}

#[component]
fn Consortium(
    data: ConsortiumAdmin,
    add: ServerAction<AddMember>,
    grant: ServerAction<GrantConsortiumRole>,
    revoke: ServerAction<RevokeConsortiumRole>,
) -> impl IntoView {
    let t = use_texts();
    let add_errors = FormErrors::new(Signal::derive(move || add.value().get().and_then(|r| r.err())));
    let grant_errors = FormErrors::new(Signal::derive(move || grant.value().get().and_then(|r| r.err())));
    let revoke_errors = FormErrors::new(Signal::derive(move || revoke.value().get().and_then(|r| r.err())));
    let saved = flag("saved");
    view! {
        <p class="lead">{t.admin_consortium_intro}</p>
        {move || saved().then(|| view! { <p class="notice" role="status">{t.admin_saved}</p> })}
        <table class="table">
            <caption>{t.admin_members}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.admin_municipality_name}</th>
                    <th scope="col">{t.admin_municipality_code}</th>
                    <th scope="col" class="num">{t.admin_people}</th>
                    <th scope="col" class="num">{t.nav_candidates}</th>
                </tr>
            </thead>
            <tbody>
                {data.members.into_iter().map(|m| view! {
                    <tr>
                        <td>{m.name}</td>
                        <td>{m.code}</td>
                        <td class="num">{m.people}</td>
                        <td class="num">{m.candidates}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <section aria-labelledby="add-member">
            <h2 id="add-member">{t.admin_add_member}</h2>
            <ActionForm action=add attr:class="form">
                {add_errors.alert()}
                <div class="inline-fields">
                    <InputField errors=add_errors field="name" name="form[name]" label=t.admin_municipality_name
                        required=true maxlength=100/>
                    <InputField errors=add_errors field="code" name="form[code]" label=t.admin_municipality_code
                        required=true maxlength=20/>
                </div>
                <fieldset class="field">
                    <legend>{t.admin_first_admin}</legend>
                    <InputField errors=add_errors field="admin_name" name="form[admin_name]" label=t.admin_display_name
                        required=true maxlength=100/>
                    <InputField errors=add_errors field="admin_email" name="form[admin_email]" label=t.login_email
                        kind="email" required=true/>
                    <InputField errors=add_errors field="admin_password" name="form[admin_password]" label=t.admin_password
                        hint=t.admin_first_admin_hint kind="password" autocomplete="new-password" required=true/>
                </fieldset>
                <button type="submit" class="button primary">{t.admin_add}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="consortium-roles">
            <h2 id="consortium-roles">{t.admin_consortium_roles}</h2>
            {revoke_errors.alert()}
            <table class="table">
                <caption>{t.admin_consortium_roles}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.admin_display_name}</th>
                        <th scope="col">{t.col_municipality}</th>
                        <th scope="col">{t.admin_roles}</th>
                        <th scope="col"><span class="visually-hidden">{t.admin_take_away}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {data.people.into_iter().map(|p| {
                        let label = format!("{} {} ({})", t.admin_take_away, role_name(p.role), p.display_name);
                        view! {
                            <tr>
                                <td>{p.display_name.clone()}" "<span class="muted">{p.email}</span></td>
                                <td>{p.municipality}</td>
                                <td>{role_name(p.role)}</td>
                                <td>
                                    <ActionForm action=revoke attr:class="inline">
                                        <input type="hidden" name="user_id" value=p.user_id.to_string()/>
                                        <input type="hidden" name="role" value=p.role.as_str()/>
                                        <button type="submit" class="link-button" aria-label=label>{t.admin_take_away}</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <ActionForm action=grant attr:class="form">
                {grant_errors.alert()}
                <div class="inline-fields">
                    <InputField errors=grant_errors field="email" id="grant_email" name="form[email]" label=t.login_email
                        kind="email" required=true/>
                    <div class="field">
                        <label for="grant_role">{t.admin_roles}</label>
                        <select id="grant_role" name="form[role]">
                            {[Role::ConsortiumCoordinator, Role::ConsortiumAdmin].into_iter().map(|r| view! {
                                <option value=r.as_str()>{role_name(r)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <button type="submit" class="button primary">{t.admin_grant}</button>
            </ActionForm>
        </section>
    }
}
