//! The people of a municipality, one person's edit page, erasing a person.

use super::*;
use crate::admin::model::{Department, UserAdmin, UserSummary, UsersAdmin};
use crate::admin::server_fns::{get_user_admin, get_users_admin, AddUser, ChangeUser, EraseUser};
use crate::admin::texts::use_texts;
use crate::identity::auth::pages::signed_in;
use crate::identity::model::Role;
use crate::ui::form::{FormErrors, InputField};
use leptos::form::ActionForm;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

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
