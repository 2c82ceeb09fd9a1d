//! The admin pages: people, departments, CSV import (single sign-on lives in `sso::pages`).
//! Every form is a plain HTML form that the hydrated page enhances.

use crate::admin::model::Department;
use crate::admin::texts::use_texts;
use crate::identity::auth::server_fns::get_current_user;
use crate::identity::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

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

mod departments;
pub use departments::*;
mod settings;
pub use settings::*;
mod people;
pub use people::*;
mod import;
pub use import::*;
mod consortium;
pub use consortium::*;
