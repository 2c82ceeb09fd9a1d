//! A municipality's working time and rates.

use super::*;
use crate::admin::model::{MunicipalitySettings, SettingsForm};
use crate::admin::store::{self};
use crate::candidates::benefit::Economics;
use crate::candidates::model::WorkingTime;
use crate::common::error::{AppResult, Invalid};
use crate::common::locale::Locale;
use crate::db::Db;
use crate::identity::model::Actor;

// ---- settings ------------------------------------------------------------------------------

/// The bounds of the settings form (the database checks the same or wider).
pub const WORKING_DAYS: (i64, i64) = (1, 366);
pub const HOURS_PER_DAY: (i64, i64) = (1, 24);
pub const HOURLY_RATE: (i64, i64) = (0, 100_000);
pub const DISCOUNT_RATE: (i64, i64) = (0, 100);
pub const YEARS: (i64, i64) = (1, 30);

fn bounded(problems: &mut Problems, field: &str, value: &str, (min, max): (i64, i64), locale: Locale) -> f64 {
    match locale.parse_number(value) {
        None if value.trim().is_empty() => problems.add(field, Invalid::Required),
        None => problems.add(field, Invalid::NotANumber),
        Some(v) if v < min as f64 || v > max as f64 => problems.add(field, Invalid::OutOfRange { min, max }),
        Some(v) => return v,
    }
    0.0
}

/// The settings form checked as a whole: every problem at once, or what to store. The
/// currency is taken in capitals ("dkk" is DKK).
pub fn check_settings(form: &SettingsForm, locale: Locale) -> AppResult<(WorkingTime, Economics)> {
    let mut problems = Problems::default();
    let time = WorkingTime {
        working_days_per_year: bounded(
            &mut problems,
            "working_days_per_year",
            &form.working_days_per_year,
            WORKING_DAYS,
            locale,
        ),
        hours_per_day: bounded(&mut problems, "hours_per_day", &form.hours_per_day, HOURS_PER_DAY, locale),
    };
    let loaded_hourly_rate =
        bounded(&mut problems, "loaded_hourly_rate", &form.loaded_hourly_rate, HOURLY_RATE, locale);
    let discount_rate_pct = bounded(&mut problems, "discount_rate_pct", &form.discount_rate_pct, DISCOUNT_RATE, locale);
    let currency = form.currency.trim().to_ascii_uppercase();
    if currency.is_empty() {
        problems.add("currency", Invalid::Required);
    } else if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        problems.add("currency", Invalid::NotACurrency);
    }
    let years = bounded(&mut problems, "years", &form.years, YEARS, locale);
    if years.fract() != 0.0 {
        problems.add("years", Invalid::OutOfRange { min: YEARS.0, max: YEARS.1 });
    }
    problems.into_result()?;
    // In range and whole, checked above.
    let years = years as u32;
    Ok((time, Economics { loaded_hourly_rate, discount_rate_pct, currency, years }))
}

/// The municipality's settings, for its admins.
pub async fn settings(db: &Db, actor: Option<&Actor>) -> AppResult<MunicipalitySettings> {
    let actor = admin(actor)?;
    Ok(store::settings(db, actor.municipality_id).await?)
}

/// Saves the admin's municipality's settings; nothing is saved when anything is wrong.
pub async fn save_settings(db: &Db, actor: Option<&Actor>, form: &SettingsForm, locale: Locale) -> AppResult<()> {
    let actor = admin(actor)?;
    let (time, economics) = check_settings(form, locale)?;
    store::save_settings(db, actor.municipality_id, time, &economics).await?;
    tracing::info!(
        admin = actor.user_id,
        municipality = actor.municipality_id,
        working_days = time.working_days_per_year,
        hours_per_day = time.hours_per_day,
        hourly_rate = economics.loaded_hourly_rate,
        discount_rate = economics.discount_rate_pct,
        currency = economics.currency.as_str(),
        years = economics.years,
        "municipality settings changed"
    );
    Ok(())
}
