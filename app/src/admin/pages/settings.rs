//! A municipality's working time and rates.

use super::*;
use crate::admin::model::MunicipalitySettings;
use crate::admin::server_fns::{get_municipality_settings, SaveMunicipalitySettings};
use crate::admin::texts::use_texts;
use crate::common::locale::use_locale;
use crate::identity::auth::pages::signed_in;
use crate::ui::form::{FormErrors, InputField};
use leptos::form::ActionForm;
use leptos_meta::Title;

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
