//! The consortium's members and consortium-wide roles.

use super::*;
use crate::admin::model::ConsortiumAdmin;
use crate::admin::server_fns::{get_consortium_admin, AddMember, GrantConsortiumRole, RevokeConsortiumRole};
use crate::admin::texts::use_texts;
use crate::identity::auth::pages::signed_in;
use crate::identity::model::Role;
use crate::ui::form::{FormErrors, InputField};
use leptos::form::ActionForm;
use leptos_meta::Title;

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
