//! The department tree and a department's edit page.

use super::*;
use crate::admin::model::{Department, DepartmentsAdmin};
use crate::admin::server_fns::{get_departments_admin, AddDepartment, ChangeDepartment, DeleteDepartment};
use crate::admin::texts::use_texts;
use crate::identity::auth::pages::signed_in;
use crate::ui::form::{FormErrors, InputField};
use leptos::form::ActionForm;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

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
